import "server-only";
import { ZNewPassword } from "@/lib/schemas/auth.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { hashPassword } from "./password-hash.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type ResetPasswordOptions = { userName: string; newPassword: string; actor?: AuditActor };

/**
 * Sets a user's console password (for an administrator who lost it) and ends every session of that
 * user, so a browser signed in with the old password is signed out. Access keys are left alone.
 */
export async function resetPassword({ userName, newPassword, actor }: ResetPasswordOptions): Promise<void> {
  const parsed = ZNewPassword.safeParse(newPassword);
  if (!parsed.success) {
    throw new AppError({ code: "ValidationException", safeMessage: parsed.error.issues[0]?.message ?? "Invalid password." });
  }
  const user = await db().user.findUnique({ where: { name: userName } });
  if (!user) throw new AppError({ code: "NoSuchEntity", safeMessage: `No user is named ${userName}.` });

  const passwordHash = await hashPassword(newPassword);
  await db().$transaction([
    db().user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } }),
    db().session.deleteMany({ where: { userId: user.id } }),
  ]);
  await recordIdentityEvent("ResetPassword", user.name, {}, actor);
}
