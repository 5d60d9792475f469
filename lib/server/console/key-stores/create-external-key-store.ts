import "server-only";
import { CreateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { CreateXksKeyStoreRequest, KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";
import { XKS_FIELD_OF_ERROR } from "./xks-field-of-error.ts";

export type CreateExternalKeyStoreOptions = { caller: Caller; request: CreateXksKeyStoreRequest };

/**
 * Creates an external key store (CreateCustomKeyStore, EXTERNAL_KEY_STORE). KMS checks the proxy first
 * (GetHealthStatus, for a public endpoint) and the request is atomic: a refused create leaves nothing.
 * The secret access key goes to KMS once and is never returned or logged.
 */
export async function createExternalKeyStore({ caller, request }: CreateExternalKeyStoreOptions): Promise<KeyStoreSummary> {
  const kms = await kmsForCaller(caller);
  const created = await callAws(
    () =>
      kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: request.customKeyStoreName,
          CustomKeyStoreType: "EXTERNAL_KEY_STORE",
          XksProxyConnectivity: request.xksProxyConnectivity,
          XksProxyUriEndpoint: request.xksProxyUriEndpoint,
          XksProxyUriPath: request.xksProxyUriPath,
          XksProxyVpcEndpointServiceName: request.xksProxyVpcEndpointServiceName,
          XksProxyAuthenticationCredential: {
            AccessKeyId: request.xksProxyAccessKeyId,
            RawSecretAccessKey: request.xksProxySecretAccessKey,
          },
        }),
      ),
    XKS_FIELD_OF_ERROR,
  );
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, created.CustomKeyStoreId!);
}
