import "server-only";
import type { UserSummary } from "@/lib/schemas/users.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { isRole } from "@/lib/server/platform/identity/permissions.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import { STATUS_SERVICE_USER } from "@/lib/server/console/status/status-clients.ts";

// Users as the Users and My account pages show them: role, status, last sign-in and access keys
// (ids, status, last use; never a secret).

const SELECT = {
  id: true,
  name: true,
  role: true,
  status: true,
  createdAt: true,
  lastSignInAt: true,
  accessKeys: { select: { id: true, status: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } },
} as const;

type Row = {
  id: string;
  name: string;
  role: string;
  status: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  accessKeys: { id: string; status: string; createdAt: Date; lastUsedAt: Date | null }[];
};

function toSummary(u: Row): UserSummary {
  // The console signs a user's KMS requests with their oldest Active key (user-credentials.ts).
  const consoleKey = u.accessKeys.find((k) => k.status === "Active")?.id;
  return {
    userId: u.id,
    userName: u.name,
    principalArn: principalArn(u.name),
    role: isRole(u.role) ? u.role : "viewer",
    status: u.status === "Active" ? "Active" : "Inactive",
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    accessKeys: u.accessKeys.map((k) => ({
      accessKeyId: k.id,
      status: k.status === "Active" ? "Active" : "Inactive",
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      usedByConsole: k.id === consoleKey,
    })),
    serviceUser: u.name === STATUS_SERVICE_USER,
  };
}

export async function listUsers(): Promise<UserSummary[]> {
  const rows = await db().user.findMany({ select: SELECT, orderBy: { name: "asc" } });
  return rows.map(toSummary);
}

export async function describeUser(userId: string): Promise<UserSummary> {
  const row = await db().user.findUnique({ where: { id: userId }, select: SELECT });
  if (!row) throw new AppError({ code: "NoSuchEntity", safeMessage: "The user cannot be found." });
  return toSummary(row);
}
