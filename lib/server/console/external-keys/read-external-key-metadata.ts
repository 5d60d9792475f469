import "server-only";
import type { ExternalKeyMetadataResponse } from "@/lib/schemas/external-keys.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { readLocalExternalKeyMetadata } from "@/lib/server/kms-service/local-backend.ts";
import { env } from "@/lib/server/platform/env.ts";

export type ReadExternalKeyMetadataOptions = { caller: Caller; customKeyStoreId: string; xksKeyId: string; requestId: string };

/**
 * What the store's proxy says of an external key (spec, usage, status), for the key wizard before
 * CreateKey and for a key's External key tab. Local backend: asked with the store's saved credential,
 * as KMS asks it. With real AWS the console holds no proxy credential, so metadata is null: KMS checks
 * the key itself on CreateKey.
 */
export async function readExternalKeyMetadata(o: ReadExternalKeyMetadataOptions): Promise<ExternalKeyMetadataResponse> {
  const base = { xksKeyId: o.xksKeyId, customKeyStoreId: o.customKeyStoreId };
  if (env().KEYHOLD_BACKEND !== "local") return { ...base, backend: "aws", metadata: null };
  const metadata = await readLocalExternalKeyMetadata({
    customKeyStoreId: o.customKeyStoreId,
    xksKeyId: o.xksKeyId,
    principalArn: o.caller.session.user.principalArn,
    requestId: o.requestId,
  });
  return { ...base, backend: "local", metadata };
}
