import { z } from "zod";

// Key material inventory of a CloudHSM key store: the key labels on the cluster's HSMs against the
// store's KMS keys. Local backend only (the console cannot read a real CloudHSM cluster's key labels).

export const ZMissingKeyMaterial = z.object({
  keyId: z.string(),
  keyArn: z.string(),
  keyState: z.string(),
  /** Active HSMs that lack the material; all of them means every operation on the key fails. */
  missingOn: z.array(z.string()),
  missingEverywhere: z.boolean(),
});

export const ZOrphanedKeyMaterial = z.object({ label: z.string(), hsmIds: z.array(z.string()) });

export const ZKeyMaterialInventoryResponse = z.object({
  supported: z.boolean(),
  checkedAt: z.iso.datetime(),
  hsms: z.array(
    z.object({ hsmId: z.string(), availabilityZone: z.string(), keyCount: z.number().int().nullable(), errorCode: z.string().optional() }),
  ),
  missing: z.array(ZMissingKeyMaterial),
  orphaned: z.array(ZOrphanedKeyMaterial),
});
export type KeyMaterialInventoryResponse = z.infer<typeof ZKeyMaterialInventoryResponse>;

export const ZRemoveOrphanedKeyMaterialRequest = z.object({ label: z.string().min(1).max(2048) });
export const ZRemoveOrphanedKeyMaterialResponse = z.object({
  label: z.string(),
  deletedFrom: z.array(z.string()),
  failed: z.array(z.string()),
});
