import "server-only";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client.ts";
import { randomAlphanumeric } from "./cluster-secrets.ts";
import { loginKmsuser } from "./login-kmsuser.ts";
import { changeKmsuserPassword } from "./rotate-kmsuser-pin.ts";

export type RotateKmsuserPasswordOptions = {
  clusterId: string;
  /** Stores the new password where its owner keeps it (the key store's sealed KeyStorePassword), in the same commit. */
  alsoWrite: (newPassword: string) => Prisma.PrismaPromise<unknown>[];
};

/**
 * What KMS does right after it logs in as kmsuser to connect a key store (spec §6.4): changes kmsuser's
 * password to a random one only KMS knows, on every HSM or none (changeKmsuserPassword's rollback), then
 * logs in with it. Call after loginKmsuser has checked the store's password. Returns nothing: the new
 * password goes only to alsoWrite, sealed there.
 */
export async function rotateKmsuserPassword({ clusterId, alsoWrite }: RotateKmsuserPasswordOptions): Promise<void> {
  const newPassword = randomAlphanumeric(32);
  await changeKmsuserPassword({ clusterId, newPassword, alsoWrite, updatePasswordFile: false });
  await loginKmsuser({ clusterId, password: newPassword });
}
