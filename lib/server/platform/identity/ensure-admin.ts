import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { createAccessKey } from "./create-access-key.ts";
import { createUser } from "./create-user.ts";
import { generatePassword } from "./generate-password.ts";
import { readAccessKeySecret } from "./read-access-key-secret.ts";

export type EnsureAdminOptions = {
  name?: string;
  /** KEYHOLD_ADMIN_PASSWORD; when absent a strong password is generated and returned once. */
  password?: string;
};

export type EnsureAdminResult = {
  created: boolean;
  userName: string;
  /** Only when this call created the admin without a given password. Never stored in clear. */
  generatedPassword?: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * Set-up's first admin, idempotently. With no users at all it creates `name` (default "admin") with
 * the given or a generated password, and an access key. Otherwise it leaves passwords alone and
 * returns the existing admin's access key (unsealed, so set-up can rewrite data/credentials),
 * creating one if it has none. The existing admin is `name` if present, else the oldest admin.
 */
export async function ensureAdmin({ name = "admin", password }: EnsureAdminOptions = {}): Promise<EnsureAdminResult> {
  const existing =
    (await db().user.findUnique({ where: { name } })) ??
    (await db().user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } }));

  if (!existing && (await db().user.count()) === 0) {
    const given = password?.length ? password : undefined;
    const chosen = given ?? generatePassword();
    try {
      const user = await createUser({ name, password: chosen, role: "admin" });
      const key = await createAccessKey(user.id);
      return { created: true, userName: user.name, ...(given ? {} : { generatedPassword: chosen }), ...key };
    } catch (e) {
      // Another process created the admin at the same moment: fall through to reading it back.
      if ((e as { code?: string }).code !== "EntityAlreadyExists") throw e;
    }
  }

  const user = existing ?? (await db().user.findUnique({ where: { name } }));
  if (!user) {
    throw new Error(`Users exist but none is named "${name}" or has the admin role; create an admin first.`);
  }
  const active = await db().accessKey.findFirst({
    where: { userId: user.id, status: "Active" },
    orderBy: { createdAt: "asc" },
  });
  if (!active) return { created: false, userName: user.name, ...(await createAccessKey(user.id)) };
  const secret = await readAccessKeySecret(active.id);
  if (!secret) throw new Error(`Access key ${active.id} vanished while being read`);
  return { created: false, userName: user.name, accessKeyId: secret.accessKeyId, secretAccessKey: secret.secretAccessKey };
}
