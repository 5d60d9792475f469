import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

// What an administrator may not do to an account, so the console never ends up with nobody who can
// manage it: change, deactivate or delete themselves this way, or take away the last active admin.

type Target = { id: string; name: string; role: string; status: string };

function refused(message: string): AppError {
  return new AppError({ code: "ValidationException", safeMessage: message });
}

export function assertNotSelf(target: Target, actingUserId: string | undefined, what: string): void {
  if (actingUserId !== undefined && target.id === actingUserId) {
    throw refused(`You cannot ${what} your own user here. Ask another administrator.`);
  }
}

/** Refuses when `target` is the only Active admin (a change that would leave none). */
export async function assertNotLastAdmin(target: Target, what: string): Promise<void> {
  if (target.role !== "admin" || target.status !== "Active") return;
  const others = await db().user.count({ where: { role: "admin", status: "Active", id: { not: target.id } } });
  if (others === 0) throw refused(`${target.name} is the last active administrator: you cannot ${what} them.`);
}
