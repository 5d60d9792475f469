import "server-only";
import { ZNewPassword, ZRole, ZUserName, type Role } from "@/lib/schemas/auth.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { hashPassword } from "./password-hash.ts";
import { principalArn } from "./principal-arn.ts";
import { recordIdentityEvent } from "./record-identity-event.ts";

export type CreateUserOptions = {
  name: string;
  password: string;
  role?: Role;
  actor?: AuditActor;
};

export type CreatedUser = {
  id: string;
  name: string;
  role: Role;
  principalArn: string;
  createdAt: Date;
};

function invalid(message: string): AppError {
  return new AppError({ code: "ValidationException", safeMessage: message });
}

function alreadyExists(name: string): AppError {
  return new AppError({ code: "EntityAlreadyExists", safeMessage: `A user named ${name} already exists.` });
}

/** Creates a console user. Names follow IAM rules and, as in IAM, are unique regardless of case. */
export async function createUser({ name, password, role = "admin", actor }: CreateUserOptions): Promise<CreatedUser> {
  const parsedName = ZUserName.safeParse(name);
  if (!parsedName.success) throw invalid(parsedName.error.issues[0]?.message ?? "Invalid user name.");
  const parsedPassword = ZNewPassword.safeParse(password);
  if (!parsedPassword.success) throw invalid(parsedPassword.error.issues[0]?.message ?? "Invalid password.");
  const parsedRole = ZRole.safeParse(role);
  if (!parsedRole.success) throw invalid("Role must be admin, operator or viewer.");

  const existing = await db().user.findMany({ select: { name: true } });
  if (existing.some((u) => u.name.toLowerCase() === name.toLowerCase())) throw alreadyExists(name);

  const passwordHash = await hashPassword(password);
  let user;
  try {
    user = await db().user.create({ data: { id: uuid(), name, passwordHash, role: parsedRole.data } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw alreadyExists(name);
    throw e;
  }

  const arn = principalArn(user.name);
  await recordIdentityEvent("CreateUser", user.name, { role: user.role }, actor);
  return { id: user.id, name: user.name, role: parsedRole.data, principalArn: arn, createdAt: user.createdAt };
}
