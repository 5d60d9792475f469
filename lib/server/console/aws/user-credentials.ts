import "server-only";
import { clientAddress } from "@/lib/server/platform/http/client-address.ts";
import type { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import type { KMSClient } from "@aws-sdk/client-kms";
import { consoleSessionCredentials, type ConsoleSessionCredentials } from "@/lib/server/platform/identity/console-session-credentials.ts";
import type { SessionContext } from "@/lib/server/console/auth/session-context.ts";
import { env } from "@/lib/server/platform/env.ts";
import { cloudHsmClient } from "./cloudhsm-client.ts";
import { kmsClient } from "./kms-client.ts";

/** Who the console acts for: the signed-in user and, for the audit record, their address. */
export type Caller = { session: SessionContext; sourceIp?: string };

/**
 * The signed-in user's console session credential (platform/identity/console-session-credentials.ts),
 * which the local service verifies (SigV4) and authorises as that user, so a key policy really decides
 * what the console may do; a user needs no access key of their own for the console's pages. With
 * KEYHOLD_BACKEND=aws the SDK's standard credential chain is used instead, and this returns undefined.
 */
export function userCredentials(session: SessionContext): ConsoleSessionCredentials | undefined {
  if (env().KEYHOLD_BACKEND === "aws") return undefined;
  return consoleSessionCredentials(session.sessionId);
}

/** A KMS client that signs as the signed-in user (local) or uses the AWS credential chain (aws). */
export async function kmsForCaller(caller: Caller): Promise<KMSClient> {
  return kmsClient({ credentials: userCredentials(caller.session), sourceIp: caller.sourceIp });
}

/** A CloudHSM v2 client that signs as the signed-in user (local) or uses the AWS credential chain (aws). */
export async function cloudHsmForCaller(caller: Caller): Promise<CloudHSMV2Client> {
  return cloudHsmClient({ credentials: userCredentials(caller.session), sourceIp: caller.sourceIp });
}

/** The caller of a console API route: the session's user and the end user's address. */
export function callerFromRequest(request: Request, session: SessionContext): Caller {
  return { session, sourceIp: clientAddress(request.headers) };
}
