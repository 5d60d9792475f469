import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { CreateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { CreateKeyStoreRequest, KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { checkTrustAnchor } from "./check-trust-anchor.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";

export type CreateKeyStoreOptions = { caller: Caller; request: CreateKeyStoreRequest };

/** Which wizard field each CreateCustomKeyStore error is about. */
const FIELD_OF_ERROR: Record<string, string> = {
  CustomKeyStoreNameInUseException: "customKeyStoreName",
  CloudHsmClusterInUseException: "cloudHsmClusterId",
  CloudHsmClusterNotFoundException: "cloudHsmClusterId",
  CloudHsmClusterNotActiveException: "cloudHsmClusterId",
  CloudHsmClusterInvalidConfigurationException: "cloudHsmClusterId",
  IncorrectTrustAnchorException: "trustAnchorCertificate",
};

/**
 * Creates a CloudHSM key store (CreateCustomKeyStore, which is atomic: a refused request leaves
 * nothing behind). New stores are DISCONNECTED; the wizard then offers to connect.
 */
export async function createKeyStore({ caller, request }: CreateKeyStoreOptions): Promise<KeyStoreSummary> {
  checkTrustAnchor(request.trustAnchorCertificate);
  const kms = await kmsForCaller(caller);
  const created = await callAws(
    () =>
      kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: request.customKeyStoreName,
          CustomKeyStoreType: "AWS_CLOUDHSM",
          CloudHsmClusterId: request.cloudHsmClusterId,
          TrustAnchorCertificate: request.trustAnchorCertificate,
          KeyStorePassword: request.keyStorePassword,
        }),
      ),
    FIELD_OF_ERROR,
  );
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, created.CustomKeyStoreId!);
}
