import "server-only";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { assertNotLastAdmin, assertNotSelf } from "./admin-guards.ts";
import { findUserOrThrow } from "./find-user.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type SetUserStatusOptions = { userId: string; status: "Active" | "Inactive"; actingUserId?: string; actor?: AuditActor };

/**
 * Deactivates or reactivates a user. Deactivation ends their sessions in the same transaction; the
 * write of the User row empties the SigV4 key cache, so none of their access keys signs another request
 * (read-access-key-secret.ts treats an inactive user's keys as inactive). Their keys keep their own
 * status, so reactivating restores exactly what they had.
 */
export async function setUserStatus({ userId, status, actingUserId, actor }: SetUserStatusOptions): Promise<void> {
  const user = await findUserOrThrow(userId);
  if (user.status === status) return;
  if (status === "Inactive") {
    assertNotSelf(user, actingUserId, "deactivate");
    await assertNotLastAdmin(user, "deactivate");
  }
  await db().$transaction([
    db().user.update({ where: { id: userId }, data: { status } }),
    ...(status === "Inactive" ? [db().session.deleteMany({ where: { userId } })] : []),
  ]);
  await recordIdentityEvent(status === "Inactive" ? "DeactivateUser" : "ActivateUser", user.name, { status }, actor);
}
