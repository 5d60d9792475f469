import "server-only";
import { ZNewPassword } from "@/lib/schemas/auth.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import {
  CHANGE_PASSWORD_EVENT,
  CHANGE_PASSWORD_THROTTLED,
  WRONG_CURRENT_PASSWORD,
  checkChangePasswordThrottle,
  reserveChangePasswordAttempt,
} from "./change-password-throttle.ts";
import { findUserOrThrow } from "./find-user.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type ChangeOwnPasswordOptions = {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The session that asked: it stays signed in, every other session of the user ends. */
  keepSessionId: string;
  actor?: AuditActor;
};

/**
 * IAM's ChangePassword: the user's own password, with the current one as proof. Wrong current
 * passwords are slowed down like sign-in failures (change-password-throttle.ts).
 */
export async function changeOwnPassword(options: ChangeOwnPasswordOptions) {
  // Counted before anything is awaited, released once this attempt's audit row is written.
  const reservation = reserveChangePasswordAttempt(options.userId);
  try {
    await attemptChange(options, reservation);
  } finally {
    reservation.release();
  }
}

async function attemptChange(
  { userId, currentPassword, newPassword, keepSessionId, actor }: ChangeOwnPasswordOptions,
  reservation: ReturnType<typeof reserveChangePasswordAttempt>,
) {
  const parsed = ZNewPassword.safeParse(newPassword);
  if (!parsed.success) {
    throw new AppError({ code: "ValidationException", safeMessage: parsed.error.issues[0]?.message ?? "Invalid password." });
  }
  const user = await findUserOrThrow(userId);
  const refuse = async (code: string, message: string): Promise<never> => {
    await recordIdentityEvent(CHANGE_PASSWORD_EVENT, user.name, {}, actor, { code, message });
    throw new AppError({ code, safeMessage: message });
  };
  try {
    await checkChangePasswordThrottle(user.name, reservation);
  } catch (e) {
    if (e instanceof AppError && e.code === CHANGE_PASSWORD_THROTTLED) await refuse(e.code, e.safeMessage);
    throw e;
  }
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await refuse(WRONG_CURRENT_PASSWORD, "The current password is not correct.");
  }
  if (currentPassword === newPassword) {
    throw new AppError({ code: "PasswordPolicyViolation", safeMessage: "The new password must differ from the current one." });
  }
  const passwordHash = await hashPassword(newPassword);
  await db().$transaction([
    db().user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
    db().session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
  ]);
  await recordIdentityEvent(CHANGE_PASSWORD_EVENT, user.name, {}, actor);
}
