import "server-only";
import type { Role } from "@/lib/schemas/auth.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { assertNotLastAdmin, assertNotSelf } from "./admin-guards.ts";
import { findUserOrThrow } from "./find-user.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type SetUserRoleOptions = { userId: string; role: Role; actingUserId?: string; actor?: AuditActor };

/**
 * Changes a user's console role. The role is also their IAM policy on /api/aws; the write of the User
 * row empties the SigV4 key cache (access-key-lookup.ts), so their next signed request has the new role.
 */
export async function setUserRole({ userId, role, actingUserId, actor }: SetUserRoleOptions): Promise<void> {
  const user = await findUserOrThrow(userId);
  if (user.role === role) return;
  assertNotSelf(user, actingUserId, "change the role of");
  if (role !== "admin") await assertNotLastAdmin(user, "change the role of");
  await db().user.update({ where: { id: userId }, data: { role } });
  await recordIdentityEvent("UpdateUserRole", user.name, { role, previousRole: user.role }, actor);
}
