import "server-only";
import { ZNewPassword } from "@/lib/schemas/auth.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
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

/** IAM's ChangePassword: the user's own password, with the current one as proof. */
export async function changeOwnPassword({ userId, currentPassword, newPassword, keepSessionId, actor }: ChangeOwnPasswordOptions) {
  const parsed = ZNewPassword.safeParse(newPassword);
  if (!parsed.success) {
    throw new AppError({ code: "ValidationException", safeMessage: parsed.error.issues[0]?.message ?? "Invalid password." });
  }
  const user = await findUserOrThrow(userId);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    const error = { code: "InvalidCurrentPassword", message: "The current password is not correct." };
    await recordIdentityEvent("ChangePassword", user.name, {}, actor, error);
    throw new AppError({ code: error.code, safeMessage: error.message });
  }
  if (currentPassword === newPassword) {
    throw new AppError({ code: "PasswordPolicyViolation", safeMessage: "The new password must differ from the current one." });
  }
  const passwordHash = await hashPassword(newPassword);
  await db().$transaction([
    db().user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
    db().session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
  ]);
  await recordIdentityEvent("ChangePassword", user.name, {}, actor);
}
