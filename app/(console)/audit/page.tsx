import type { Metadata } from "next";
import { AuditView } from "@/components/audit/audit-view.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Audit" }]}
        title="Event history"
        description="A CloudTrail-style record of every operation: who did what, from where, and whether it succeeded."
      />
      <AuditView />
    </>
  );
}
