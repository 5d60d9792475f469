import "server-only";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { createAccessKey, type NewAccessKey } from "./create-access-key.ts";
import { principalArn } from "./principal-arn.ts";

// IAM's UpdateAccessKey (Active ↔ Inactive) and DeleteAccessKey, and a rotation made of them. Each is a
// write of an AccessKey row, so the SigV4 lookup's cache (access-key-lookup.ts) drops the key at once:
// the very next request signed with a deactivated or deleted key is refused.

export type AccessKeyStatus = "Active" | "Inactive";

async function ownedKey(accessKeyId: string) {
  const key = await db().accessKey.findUnique({ where: { id: accessKeyId }, include: { user: { select: { name: true } } } });
  if (!key) throw new AppError({ code: "NoSuchEntity", safeMessage: `The Access Key with id ${accessKeyId} cannot be found.` });
  return key;
}

async function audit(eventName: string, userName: string, requestParameters: Record<string, unknown>, actor?: AuditActor) {
  await recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName,
    requestId: actor?.requestId ?? uuid(),
    principalArn: actor?.principalArn ?? null,
    sourceIp: actor?.sourceIp,
    userAgent: actor?.userAgent,
    requestParameters: { userName, ...requestParameters },
    resources: [principalArn(userName)],
  });
}

export async function updateAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus, actor?: AuditActor): Promise<void> {
  const key = await ownedKey(accessKeyId);
  await db().accessKey.update({ where: { id: accessKeyId }, data: { status } });
  await audit("UpdateAccessKey", key.user.name, { accessKeyId, status }, actor);
}

export async function deleteAccessKey(accessKeyId: string, actor?: AuditActor): Promise<void> {
  const key = await ownedKey(accessKeyId);
  await db().accessKey.delete({ where: { id: accessKeyId } });
  await audit("DeleteAccessKey", key.user.name, { accessKeyId }, actor);
}

/** Rotation as IAM recommends it, in one call: a new key is issued, then the old one is deleted. */
export async function rotateAccessKey(accessKeyId: string, actor?: AuditActor): Promise<NewAccessKey> {
  const key = await ownedKey(accessKeyId);
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
