import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { AdminOnly } from "@/components/users/admin-only.tsx";
import { UsersView } from "@/components/users/users-view.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Users" }]}
        title="Users and access keys"
        description="Console users, their roles (also their IAM policies on the KMS endpoint), and their access keys for the AWS CLI and SDKs."
      />
      {hasPermission(session.user.role, "users:manage") ? <UsersView /> : <AdminOnly role={session.user.role} />}
    </>
  );
}
