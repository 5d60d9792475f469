import "server-only";
import type { CreateAccessKeyResponse, UserStatus } from "@/lib/schemas/users.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { findUserOrThrow } from "@/lib/server/platform/identity/find-user.ts";
import { deleteAccessKey, findAccessKeyOrThrow, updateAccessKeyStatus } from "@/lib/server/platform/identity/update-access-key.ts";

// Access keys of one user, as the Users page (an admin, any user) and My account (the user themself)
// reach them: a key is found only under its own user, so nobody reaches another user's key by its id.

async function keyOf(userId: string, accessKeyId: string) {
  const key = await findAccessKeyOrThrow(accessKeyId);
  if (key.userId !== userId) {
    // The same answer as for a key that does not exist: ids of other users' keys are not confirmed.
    throw new AppError({ code: "NoSuchEntity", safeMessage: `The Access Key with id ${accessKeyId} cannot be found.` });
  }
  return key;
}

/** Issues a key; the answer is the only time its secret leaves the server. */
export async function createUserAccessKey(userId: string, actor: AuditActor): Promise<CreateAccessKeyResponse> {
  const user = await findUserOrThrow(userId);
  const key = await createAccessKey(userId, actor);
  return { userName: user.name, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, createdAt: new Date().toISOString() };
}

export async function setUserAccessKeyStatus(userId: string, accessKeyId: string, status: UserStatus, actor: AuditActor): Promise<void> {
  await keyOf(userId, accessKeyId);
  await updateAccessKeyStatus(accessKeyId, status, actor);
}

export async function deleteUserAccessKey(userId: string, accessKeyId: string, actor: AuditActor): Promise<void> {
  await keyOf(userId, accessKeyId);
  await deleteAccessKey(accessKeyId, actor);
}
