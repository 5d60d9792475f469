import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { ComingSoonButton } from "@/components/shell/coming-soon-button.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { TableShell } from "@/components/shell/table-shell.tsx";
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
      <TableShell
        title="Events"
        actions={<ComingSoonButton label="Download events" variant="normal" icon={false} />}
        filterPlaceholder="Filter by event name, user or resource"
        columns={["Event time", "Event name", "User name", "Event source", "Resources", "Error code"]}
        empty={
          <EmptyState
            icon={ScrollText}
            title="The event browser is coming soon"
            description="Events are already being recorded: every sign-in, sign-out and key store operation is kept with its principal, source IP and request ID. This page will let you filter, inspect and download them."
          />
        }
      />
    </>
  );
}
