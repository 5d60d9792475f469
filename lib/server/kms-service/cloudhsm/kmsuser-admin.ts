import "server-only";
import { invalidRequest } from "@/lib/server/hsm/clusters/cluster-errors.ts";
import { loginKmsuserWithCli, logoutKmsuserWithCli } from "@/lib/server/hsm/clusters/kmsuser-cli-session.ts";
import { changeKmsuserPassword } from "@/lib/server/hsm/clusters/rotate-kmsuser-pin.ts";
import { describeKmsuserStates } from "./kmsuser-state.ts";

// What an administrator does to kmsuser with the CloudHSM CLI, on a local cluster: `login --username
// kmsuser --role crypto-user`, `logout`, and (as admin) `user change-password --username kmsuser`.
// Each is refused while KMS holds the kmsuser login for a key store (connected, connecting or
// disconnecting): KMS stays logged in while connected, so the store must be disconnected first.

async function refuseWhileKmsHoldsKmsuser(clusterId: string, what: string): Promise<void> {
  const [state] = await describeKmsuserStates([clusterId]);
  if (state?.login?.by === "kms") {
    const { customKeyStoreName, customKeyStoreId, connectionState } = state.login;
    throw invalidRequest(
      `KMS is logged in as kmsuser for key store ${customKeyStoreName} (${customKeyStoreId}), which is ${connectionState}. Disconnect the key store before you ${what}.`,
    );
  }
}

export async function logInKmsuserAsAdministrator(clusterId: string, password: string): Promise<void> {
  await refuseWhileKmsHoldsKmsuser(clusterId, "log in as kmsuser");
  await loginKmsuserWithCli({ clusterId, password });
}

export async function logOutKmsuserAsAdministrator(clusterId: string): Promise<void> {
  await logoutKmsuserWithCli({ clusterId });
}

/** `user change-password`: refused while kmsuser is logged in ("You cannot change the password of a user who is currently logged in"). */
export async function changeKmsuserPasswordAsAdministrator(clusterId: string, newPassword: string): Promise<void> {
  await refuseWhileKmsHoldsKmsuser(clusterId, "change kmsuser's password");
  const [state] = await describeKmsuserStates([clusterId]);
  if (state?.login?.by === "cli")
    throw invalidRequest("kmsuser is logged in to the cluster. Log kmsuser out before you change its password.");
  await changeKmsuserPassword({ clusterId, newPassword });
}
