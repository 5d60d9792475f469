import { Server } from "lucide-react";
import type { Metadata } from "next";
import { ComingSoonButton } from "@/components/shell/coming-soon-button.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { TableShell } from "@/components/shell/table-shell.tsx";
import { requireSession } from "@/lib/server/auth/get-session.ts";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Clusters" }]}
        title="CloudHSM clusters"
        description="The HSM clusters behind your CloudHSM key stores: their HSMs, Availability Zones and health."
      />
      <TableShell
        title="Clusters"
        actions={<ComingSoonButton label="Create cluster" />}
        filterPlaceholder="Find clusters by ID or state"
        columns={["Cluster ID", "State", "HSMs", "Availability Zones", "Key store", "Creation date"]}
        empty={
          <EmptyState
            icon={Server}
            title="Cluster inventory is on its way"
            description="This list will show each CloudHSM cluster with its active HSMs per Availability Zone, its state and the key store it backs, kept fresh by the status poller. A key store needs at least two active HSMs in different Availability Zones."
            action={<ComingSoonButton label="Create cluster" variant="normal" badge={false} />}
          />
        }
      />
    </>
  );
}
