import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { accessKeyId as newAccessKeyId } from "@/lib/server/platform/ids.ts";
import { seal } from "@/lib/server/platform/secrets/secret-box.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

/** IAM allows two access keys per user. */
export const MAX_ACCESS_KEYS_PER_USER = 2;

export type NewAccessKey = { accessKeyId: string; secretAccessKey: string };

/** The secret-box context binding a sealed secret to its access key row. */
export function accessKeySecretContext(accessKeyId: string): string {
  return `access-key:${accessKeyId}`;
}

/** A 40-character secret from the base64 alphabet, like IAM's. */
function newSecretAccessKey(): string {
  return crypto.randomBytes(30).toString("base64");
}

/**
 * Issues an access key for a user. The secret is sealed at rest and returned only here, once;
 * afterwards only readAccessKeySecret (server-side, for SigV4 and set-up) can recover it.
 */
export async function createAccessKey(userId: string, actor?: AuditActor): Promise<NewAccessKey> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { _count: { select: { accessKeys: true } } } });
  if (!user) throw new AppError({ code: "NoSuchEntity", safeMessage: "The user does not exist." });
  if (user._count.accessKeys >= MAX_ACCESS_KEYS_PER_USER) {
    throw new AppError({
      code: "LimitExceeded",
      safeMessage: `User ${user.name} already has ${MAX_ACCESS_KEYS_PER_USER} access keys. Delete one before creating another.`,
    });
  }

  const id = newAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  await db().accessKey.create({
    data: { id, userId, secretSealed: seal(secretAccessKey, accessKeySecretContext(id)), status: "Active" },
  });

  await recordIdentityEvent("CreateAccessKey", user.name, { accessKeyId: id }, actor);
  return { accessKeyId: id, secretAccessKey };
}
