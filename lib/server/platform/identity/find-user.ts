import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

/** The user with this id, or IAM's NoSuchEntity. */
export async function findUserOrThrow(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError({ code: "NoSuchEntity", safeMessage: "The user cannot be found." });
  return user;
}
