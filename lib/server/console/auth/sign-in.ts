import "server-only";
import { USER_NAME_PATTERN } from "@/lib/schemas/auth.ts";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { createSession } from "./create-session.ts";
import {
  LOGIN_EVENT,
  LOGIN_FAILED,
  LOGIN_THROTTLED,
  ThrottlingError,
  loginNameKey,
  loginRetryAfterSeconds,
  reserveLoginAttempt,
} from "./login-throttle.ts";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "@/lib/server/platform/identity/password-hash.ts";
import { isRole } from "@/lib/server/platform/identity/permissions.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import type { SessionContext } from "./session-context.ts";

export type SignInOptions = { userName: string; password: string; actor: AuditActor };

export type SignInResult = { token: string; expiresAt: Date; session: SessionContext };

/** What CloudTrail records for a sign-in naming no known user (the text may be a mistyped password). */
const HIDDEN_NAME = "HIDDEN_DUE_TO_SECURITY_REASONS";

const FAILED_MESSAGE = "Incorrect user name or password.";

/**
 * Checks a user name and password and starts a session. Unknown names and wrong passwords get the
 * same error after the same work; repeated failures are slowed down (login-throttle.ts). Every
 * attempt is audited as ConsoleLogin, never with the password.
 */
export async function signIn({ userName, password, actor }: SignInOptions): Promise<SignInResult> {
  const sourceIp = actor.sourceIp ?? "unknown";
  const nameKey = loginNameKey(userName);
  // Counted before anything is awaited, released once this attempt's audit row is written.
  const reservation = reserveLoginAttempt({ nameKey, sourceIp });
  try {
    return await attemptSignIn({ userName, password, actor }, sourceIp, nameKey, reservation);
  } finally {
    reservation.release();
  }
}

async function attemptSignIn(
  { userName, password, actor }: SignInOptions,
  sourceIp: string,
  nameKey: string,
  reservation: ReturnType<typeof reserveLoginAttempt>,
): Promise<SignInResult> {
  const requestId = actor.requestId ?? uuid();
  const user = USER_NAME_PATTERN.test(userName) ? await db().user.findUnique({ where: { name: userName } }) : null;

  const audit = (errorCode: string | null) =>
    recordAuditEvent({
      eventSource: CONSOLE_EVENT_SOURCE,
      eventName: LOGIN_EVENT,
      requestId,
      principalArn: user ? principalArn(user.name) : null,
      sourceIp,
      userAgent: actor.userAgent,
      requestParameters: { userName: user ? user.name : HIDDEN_NAME, nameKey },
      errorCode,
      errorMessage:
        errorCode === LOGIN_FAILED ? "Failed authentication" : errorCode === LOGIN_THROTTLED ? "Too many failed attempts" : null,
    });

  const retryAfter = await loginRetryAfterSeconds({ nameKey, sourceIp, reservation });
  if (retryAfter > 0) {
    await audit(LOGIN_THROTTLED);
    throw new ThrottlingError(retryAfter);
  }

  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  // A deactivated user is refused like a wrong password (after the same work), so nothing tells them apart.
  if (!user || !ok || !isRole(user.role) || user.status !== "Active") {
    await audit(LOGIN_FAILED);
    throw new AppError({ code: LOGIN_FAILED, safeMessage: FAILED_MESSAGE });
  }

  // A hash made with weaker scrypt parameters than today's is upgraded now, while the password is known.
  const upgraded = needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {};
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...upgraded } });
  const { token, sessionId, expiresAt } = await createSession(user.id);
  await audit(null);
  return {
    token,
    expiresAt,
    session: { sessionId, expiresAt, user: { id: user.id, name: user.name, role: user.role, principalArn: principalArn(user.name) } },
  };
}
