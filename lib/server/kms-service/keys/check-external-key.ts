import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { requireConnectedXksKeyStore } from "@/lib/server/kms-service/key-stores/index.ts";
import { targetOfStore } from "@/lib/server/kms-service/key-stores/xks-proxy-of-store.ts";
import { getKeyMetadata } from "@/lib/server/kms-service/xks/xks-api.ts";
import { createKeyExceptionOfXks } from "@/lib/server/kms-service/xks/xks-errors.ts";
import { isXksFailure } from "@/lib/server/kms-service/xks/xks-failure.ts";

export function xksKeyInUse(xksKeyId: string, storeId: string): KmsError {
  return new KmsError(
    "XksKeyAlreadyInUseException",
    `The external key ${xksKeyId} is already associated with another KMS key in custom key store ${storeId}.`,
  );
}

/**
 * CreateKey with Origin EXTERNAL_KEY_STORE (spec §4 CreateKey): the store is a CONNECTED external key
 * store; no other KMS key of the store uses the external key (XksKeyAlreadyInUseException); and the
 * proxy's GetKeyMetadata says it is an ENABLED AES_256 key that can ENCRYPT and DECRYPT
 * (XksKeyInvalidConfigurationException; not found: XksKeyNotFoundException). Returns the store.
 */
export async function checkExternalKey(o: {
  customKeyStoreId: string;
  xksKeyId: string;
  principalArn: string;
  requestId: string;
}): Promise<CustomKeyStore> {
  const store = await requireConnectedXksKeyStore(o.customKeyStoreId);
  if (await db().kmsKey.findFirst({ where: { customKeyStoreId: store.id, xksKeyId: o.xksKeyId }, select: { id: true } })) {
    throw xksKeyInUse(o.xksKeyId, store.id);
  }
  let metadata;
  try {
    metadata = await getKeyMetadata(await targetOfStore(store), o.xksKeyId, {
      awsPrincipalArn: o.principalArn,
      kmsOperation: "CreateKey",
      kmsRequestId: o.requestId,
    });
  } catch (e) {
    if (isXksFailure(e)) throw createKeyExceptionOfXks(e, store.id, o.xksKeyId);
    throw e;
  }
  const problems = [
    metadata.keySpec !== "AES_256" ? `its key spec is ${metadata.keySpec}, not AES_256` : undefined,
    !metadata.keyUsage.includes("ENCRYPT") || !metadata.keyUsage.includes("DECRYPT")
      ? `its key usage is [${metadata.keyUsage.join(", ")}], which does not include both ENCRYPT and DECRYPT`
      : undefined,
    metadata.keyStatus !== "ENABLED" ? `its status is ${metadata.keyStatus}, not ENABLED` : undefined,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new KmsError(
      "XksKeyInvalidConfigurationException",
      `The external key ${o.xksKeyId} cannot back a KMS key: ${problems.join("; ")}.`,
    );
  }
  return store;
}
