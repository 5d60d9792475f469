import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { KeyStoreSummary, UpdateKeyStoreRequest } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";
import { XKS_FIELD_OF_ERROR } from "./xks-field-of-error.ts";

export type UpdateKeyStoreOptions = { caller: Caller; customKeyStoreId: string; request: UpdateKeyStoreRequest };

const FIELD_OF_ERROR: Record<string, string> = {
  ...XKS_FIELD_OF_ERROR,
  CustomKeyStoreNameInUseException: "newCustomKeyStoreName",
  CloudHsmClusterNotFoundException: "cloudHsmClusterId",
  CloudHsmClusterNotActiveException: "cloudHsmClusterId",
  CloudHsmClusterNotRelatedException: "cloudHsmClusterId",
  CloudHsmClusterInvalidConfigurationException: "cloudHsmClusterId",
};

/**
 * Edits a key store (UpdateCustomKeyStore). CloudHSM: only while DISCONNECTED; a new kmsuser password
 * only tells KMS the current password, it does not change it in the cluster. XKS: name, credential and
 * path in any state, connectivity, endpoint and VPC endpoint service only while DISCONNECTED (KMS checks).
 */
export async function updateKeyStore({ caller, customKeyStoreId, request }: UpdateKeyStoreOptions): Promise<KeyStoreSummary> {
  const kms = await kmsForCaller(caller);
  await callAws(
    () =>
      kms.send(
        new UpdateCustomKeyStoreCommand({
          CustomKeyStoreId: customKeyStoreId,
          NewCustomKeyStoreName: request.newCustomKeyStoreName,
          CloudHsmClusterId: request.cloudHsmClusterId,
          KeyStorePassword: request.keyStorePassword,
          XksProxyConnectivity: request.xksProxyConnectivity,
          XksProxyUriEndpoint: request.xksProxyUriEndpoint,
          XksProxyUriPath: request.xksProxyUriPath,
          XksProxyVpcEndpointServiceName: request.xksProxyVpcEndpointServiceName,
          XksProxyAuthenticationCredential:
            request.xksProxyAccessKeyId && request.xksProxySecretAccessKey
              ? { AccessKeyId: request.xksProxyAccessKeyId, RawSecretAccessKey: request.xksProxySecretAccessKey }
              : undefined,
        }),
      ),
    FIELD_OF_ERROR,
  );
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, customKeyStoreId);
}
