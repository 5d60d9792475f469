import "server-only";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { createAccessKey, type NewAccessKey } from "./create-access-key.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

// IAM's UpdateAccessKey (Active ↔ Inactive) and DeleteAccessKey, and a rotation made of them. Each is a
// write of an AccessKey row, so the SigV4 lookup's cache (access-key-lookup.ts) drops the key at once:
// the very next request signed with a deactivated or deleted key is refused.

export type AccessKeyStatus = "Active" | "Inactive";

/** The key with its user's name, or IAM's NoSuchEntity. */
export async function findAccessKeyOrThrow(accessKeyId: string) {
  const key = await db().accessKey.findUnique({ where: { id: accessKeyId }, include: { user: { select: { name: true } } } });
  if (!key) throw new AppError({ code: "NoSuchEntity", safeMessage: `The Access Key with id ${accessKeyId} cannot be found.` });
  return key;
}

export async function updateAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus, actor?: AuditActor): Promise<void> {
  const key = await findAccessKeyOrThrow(accessKeyId);
  await db().accessKey.update({ where: { id: accessKeyId }, data: { status } });
  await recordIdentityEvent("UpdateAccessKey", key.user.name, { accessKeyId, status }, actor);
}

export async function deleteAccessKey(accessKeyId: string, actor?: AuditActor): Promise<void> {
  const key = await findAccessKeyOrThrow(accessKeyId);
  await db().accessKey.delete({ where: { id: accessKeyId } });
  await recordIdentityEvent("DeleteAccessKey", key.user.name, { accessKeyId }, actor);
}

/** Rotation as IAM recommends it, in one call: a new key is issued, then the old one is deleted. */
export async function rotateAccessKey(accessKeyId: string, actor?: AuditActor): Promise<NewAccessKey> {
  const key = await findAccessKeyOrThrow(accessKeyId);
  if (key.status === "Active") await updateAccessKeyStatus(accessKeyId, "Inactive", actor);
  try {
    const fresh = await createAccessKey(key.userId, actor);
    await deleteAccessKey(accessKeyId, actor);
    return fresh;
  } catch (e) {
    if (key.status === "Active") await updateAccessKeyStatus(accessKeyId, "Active", actor);
    throw e;
  }
}
