import "server-only";
import { clientAddress } from "@/lib/server/platform/http/client-address.ts";
import type { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import type { KMSClient } from "@aws-sdk/client-kms";
import { readAccessKeySecret } from "@/lib/server/platform/identity/read-access-key-secret.ts";
import type { SessionContext } from "@/lib/server/console/auth/session-context.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { cloudHsmClient } from "./cloudhsm-client.ts";
import { kmsClient } from "./kms-client.ts";

/** Who the console acts for: the signed-in user and, for the audit record, their address. */
export type Caller = { session: SessionContext; sourceIp?: string };

/**
 * The signed-in user's own access key (their first Active one), which the local service verifies
 * (SigV4) and authorises as that user, so a key policy really decides what the console may do.
 * With KEYHOLD_BACKEND=aws the SDK's standard credential chain is used instead, and this returns undefined.
 */
export async function userCredentials(session: SessionContext): Promise<{ accessKeyId: string; secretAccessKey: string } | undefined> {
  if (env().KEYHOLD_BACKEND === "aws") return undefined;
  const key = await db().accessKey.findFirst({
    where: { userId: session.user.id, status: "Active" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  const secret = key ? await readAccessKeySecret(key.id) : null;
  if (!secret || secret.status !== "Active") {
    throw new AppError({
      code: "AccessDeniedException",
      safeMessage: `User ${session.user.name} has no active access key, so the console cannot sign KMS requests for them. Ask an administrator to create one.`,
    });
  }
  return { accessKeyId: secret.accessKeyId, secretAccessKey: secret.secretAccessKey };
}

/** A KMS client that signs as the signed-in user (local) or uses the AWS credential chain (aws). */
export async function kmsForCaller(caller: Caller): Promise<KMSClient> {
  return kmsClient({ credentials: await userCredentials(caller.session), sourceIp: caller.sourceIp });
}

/** A CloudHSM v2 client that signs as the signed-in user (local) or uses the AWS credential chain (aws). */
export async function cloudHsmForCaller(caller: Caller): Promise<CloudHSMV2Client> {
  return cloudHsmClient({ credentials: await userCredentials(caller.session), sourceIp: caller.sourceIp });
}

/** The caller of a console API route: the session's user and the end user's address. */
export function callerFromRequest(request: Request, session: SessionContext): Caller {
  return { session, sourceIp: clientAddress(request.headers) };
}
