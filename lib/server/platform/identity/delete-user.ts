import "server-only";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { assertNotLastAdmin, assertNotSelf } from "./admin-guards.ts";
import { findUserOrThrow } from "./find-user.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type DeleteUserOptions = { userId: string; actingUserId?: string; actor?: AuditActor };

/**
 * Deletes a user with their sessions and access keys (cascade). The delete of the User row empties the
 * SigV4 key cache, so a request signed with one of their keys is refused from the very next one.
 * Their audit events stay: the log records who did what, also after they are gone.
 */
export async function deleteUser({ userId, actingUserId, actor }: DeleteUserOptions): Promise<{ userName: string }> {
  const user = await findUserOrThrow(userId);
  assertNotSelf(user, actingUserId, "delete");
  await assertNotLastAdmin(user, "delete");
  await db().user.delete({ where: { id: userId } });
  await recordIdentityEvent("DeleteUser", user.name, {}, actor);
  return { userName: user.name };
}
