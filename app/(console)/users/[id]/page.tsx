import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { AdminOnly } from "@/components/users/admin-only.tsx";
import { UserDetailView } from "@/components/users/user-detail-view.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  const { id } = await params;
  if (!hasPermission(session.user.role, "users:manage")) {
    return (
      <>
        <PageHeader breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Users" }]} title="User" />
        <AdminOnly role={session.user.role} />
      </>
    );
  }
  return <UserDetailView userId={id} />;
}
