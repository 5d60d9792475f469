import "server-only";
import type { Role } from "@/lib/schemas/auth.ts";

// Console permissions and the roles that hold them. Route handlers name one permission in
// withSession(handler, { permission }); pages can check hasPermission for their actions.
export const PERMISSIONS = [
  "keyStores:read",
  "keyStores:write",
  "keys:read",
  "keys:write",
  "clusters:read",
  "clusters:write",
  /** Act as the cluster's crypto officer: set kmsuser's password (which unlocks it). Admins only. */
  "clusters:kmsuser",
  "audit:read",
  "users:manage",
  /** Change console settings (the audit retention). Admins only. */
  "settings:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["keyStores:read", "keys:read", "clusters:read", "audit:read"];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  operator: new Set([...READ, "keyStores:write", "keys:write", "clusters:write"]),
  viewer: new Set(READ),
};

export function isRole(value: string): value is Role {
  return value in ROLE_PERMISSIONS;
}

export function hasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
