import "server-only";
import type { UpdateUserRequest } from "@/lib/schemas/users.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { deleteUser } from "@/lib/server/platform/identity/delete-user.ts";
import { findUserOrThrow } from "@/lib/server/platform/identity/find-user.ts";
import { resetPassword } from "@/lib/server/platform/identity/reset-password.ts";
import { setUserRole } from "@/lib/server/platform/identity/set-user-role.ts";
import { setUserStatus } from "@/lib/server/platform/identity/set-user-status.ts";
import { STATUS_SERVICE_USER } from "@/lib/server/console/status/status-clients.ts";

export type UpdateUserOptions = { userId: string; change: UpdateUserRequest; actingUserId: string; actor: AuditActor };

/** The status poller signs as its own user; changing or deleting it would stop the status cache. */
async function assertNotServiceUser(userId: string): Promise<void> {
  const user = await findUserOrThrow(userId);
  if (user.name === STATUS_SERVICE_USER) {
    throw new AppError({
      code: "ValidationException",
      safeMessage: `${STATUS_SERVICE_USER} is the console's own service user and is managed by the console.`,
    });
  }
}

/** One change an administrator makes to a user from the Users page: role, status or a new password. */
export async function updateUser({ userId, change, actingUserId, actor }: UpdateUserOptions): Promise<void> {
  await assertNotServiceUser(userId);
  switch (change.action) {
    case "set-role":
      return setUserRole({ userId, role: change.role, actingUserId, actor });
    case "set-status":
      return setUserStatus({ userId, status: change.status, actingUserId, actor });
    case "reset-password": {
      const user = await findUserOrThrow(userId);
      return resetPassword({ userName: user.name, newPassword: change.password, actor });
    }
  }
}

export type RemoveUserOptions = { userId: string; actingUserId: string; actor: AuditActor };

/** Deletes a user from the Users page (not yourself, not the last admin, not the service user). */
export async function removeUser({ userId, actingUserId, actor }: RemoveUserOptions): Promise<{ userName: string }> {
  await assertNotServiceUser(userId);
  return deleteUser({ userId, actingUserId, actor });
}
