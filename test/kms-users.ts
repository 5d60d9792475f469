// Console users with a role and an access key, and a KMS client signed as each, for tests of the
// local service's authorisation over HTTP (test/local-kms-server.ts gives the service).
import { KMSClient } from "@aws-sdk/client-kms";
import type { Role } from "@/lib/schemas/auth.ts";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { generatePassword } from "@/lib/server/platform/identity/generate-password.ts";
import { ACCOUNT_ID, REGION, type LocalKms } from "./local-kms-server.ts";

export type KmsUser = { name: string; role: Role; arn: string; kms: KMSClient };

/** Creates the user with an access key and returns a client signed with it (no retries). */
export async function kmsUser(service: LocalKms, name: string, role: Role): Promise<KmsUser> {
  const user = await createUser({ name, password: generatePassword(), role });
  const credentials = await createAccessKey(user.id);
  const kms = new KMSClient({ endpoint: service.url, region: REGION, credentials, maxAttempts: 1 });
  return { name, role, arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`, kms };
}
