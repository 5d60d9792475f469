import "server-only";
import type { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import type { KMSClient } from "@aws-sdk/client-kms";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { generatePassword } from "@/lib/server/platform/identity/generate-password.ts";
import { readAccessKeySecret } from "@/lib/server/platform/identity/read-access-key-secret.ts";
import { cloudHsmClient } from "@/lib/server/console/aws/cloudhsm-client.ts";
import { kmsClient } from "@/lib/server/console/aws/kms-client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";

/** The SDK clients the status poller describes stores and clusters with. */
export type StatusClients = { kms: KMSClient; cloudHsm: CloudHSMV2Client };

/**
 * The console's own service principal in local mode: a viewer user that nobody signs in as (its
 * password is random and never shown). The poller signs its Describe calls with this user's access
 * key, so the local service authenticates and audits them like any other caller.
 */
export const STATUS_SERVICE_USER = "keyhold-status-poller";

async function serviceCredentials(): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  let user = await db().user.findUnique({ where: { name: STATUS_SERVICE_USER }, select: { id: true } });
  if (!user) {
    try {
      user = await createUser({ name: STATUS_SERVICE_USER, password: generatePassword(), role: "viewer" });
    } catch (e) {
      // Another console process created it first.
      if ((e as { code?: string }).code !== "EntityAlreadyExists") throw e;
      user = await db().user.findUniqueOrThrow({ where: { name: STATUS_SERVICE_USER }, select: { id: true } });
    }
  }
  const key = await db().accessKey.findFirst({
    where: { userId: user.id, status: "Active" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (key) {
    const secret = await readAccessKeySecret(key.id);
    if (secret && secret.status === "Active") return { accessKeyId: secret.accessKeyId, secretAccessKey: secret.secretAccessKey };
  }
  return createAccessKey(user.id);
}

/** local: clients signing as the status service user (created idempotently); aws: the standard credential chain. */
export async function statusClients(): Promise<StatusClients> {
  const credentials = env().KEYHOLD_BACKEND === "aws" ? undefined : await serviceCredentials();
  return { kms: kmsClient({ credentials }), cloudHsm: cloudHsmClient({ credentials }) };
}
