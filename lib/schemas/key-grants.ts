import { z } from "zod";

// Grants of a KMS key as the key page shows them (ListGrants).

export const ZKeyGrant = z.object({
  grantId: z.string(),
  name: z.string().optional(),
  creationDate: z.iso.datetime().optional(),
  granteePrincipal: z.string().optional(),
  granteeServicePrincipal: z.string().optional(),
  retiringPrincipal: z.string().optional(),
  retiringServicePrincipal: z.string().optional(),
  operations: z.array(z.string()),
  constraints: z
    .object({
      encryptionContextEquals: z.record(z.string(), z.string()).optional(),
      encryptionContextSubset: z.record(z.string(), z.string()).optional(),
      sourceArn: z.string().optional(),
    })
    .optional(),
});
export type KeyGrant = z.infer<typeof ZKeyGrant>;

export const ZKeyGrantListResponse = z.object({ grants: z.array(ZKeyGrant) });
export type KeyGrantListResponse = z.infer<typeof ZKeyGrantListResponse>;

/** DELETE /api/keys/:id/grants — the grant to revoke. */
export const ZRevokeGrantRequest = z.object({ grantId: z.string().trim().min(1, "Choose a grant.").max(128) });
export type RevokeGrantRequest = z.infer<typeof ZRevokeGrantRequest>;
