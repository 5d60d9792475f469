import type { Role } from "@/lib/schemas/auth.ts";

/** What each console role may do (permissions.ts), in words for the forms. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including users, access keys of others, and kmsuser passwords.",
  operator: "Create and change key stores, keys and clusters; read the audit log.",
  viewer: "Read key stores, keys, clusters and the audit log; change nothing.",
};

/** The options of a role select. */
export function RoleOptions() {
  return (
    <>
      <option value="admin">Admin</option>
      <option value="operator">Operator</option>
      <option value="viewer">Viewer</option>
    </>
  );
}
