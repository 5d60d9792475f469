import "server-only";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { ExternalKeyMetadataResponse } from "@/lib/schemas/external-keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { readExternalKeyMetadata } from "./read-external-key-metadata.ts";

/** A KMS key's External key tab: DescribeKey (the caller must be allowed to), then its proxy's GetKeyMetadata. */
export async function readKeyExternalKey(o: { caller: Caller; keyId: string; requestId: string }): Promise<ExternalKeyMetadataResponse> {
  const kms = await kmsForCaller(o.caller);
  const { KeyMetadata: m } = await callAws(() => kms.send(new DescribeKeyCommand({ KeyId: o.keyId })));
  const xksKeyId = m?.XksKeyConfiguration?.Id;
  if (!m?.CustomKeyStoreId || !xksKeyId) {
    throw new AppError({ code: "UnsupportedOperationException", safeMessage: `Key ${o.keyId} is not in an external key store.` });
  }
  return readExternalKeyMetadata({ caller: o.caller, customKeyStoreId: m.CustomKeyStoreId, xksKeyId, requestId: o.requestId });
}
