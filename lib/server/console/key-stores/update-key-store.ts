import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { KeyStoreSummary, UpdateKeyStoreRequest } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";

export type UpdateKeyStoreOptions = { caller: Caller; customKeyStoreId: string; request: UpdateKeyStoreRequest };

const FIELD_OF_ERROR: Record<string, string> = {
  CustomKeyStoreNameInUseException: "newCustomKeyStoreName",
  CloudHsmClusterNotFoundException: "cloudHsmClusterId",
  CloudHsmClusterNotActiveException: "cloudHsmClusterId",
  CloudHsmClusterNotRelatedException: "cloudHsmClusterId",
  CloudHsmClusterInvalidConfigurationException: "cloudHsmClusterId",
};

/**
 * Edits a CloudHSM key store (UpdateCustomKeyStore; KMS allows it only while DISCONNECTED). A new
 * kmsuser password only tells KMS the current password; it does not change it in the cluster.
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
        }),
      ),
    FIELD_OF_ERROR,
  );
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, customKeyStoreId);
}
