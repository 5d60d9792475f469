import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { grantNotFound } from "./grant-token.ts";

/** Deletes a grant of a key and bumps the key's grantsVersion, in one transaction; NotFoundException if it is gone. */
export async function deleteGrant(keyId: string, grantId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.keyGrant.deleteMany({ where: { id: grantId, keyId } });
    if (count === 0) throw grantNotFound(grantId);
    await tx.kmsKey.update({ where: { id: keyId }, data: { grantsVersion: { increment: 1 } } });
  });
}
