import type { Metadata } from "next";
import { ClustersView } from "@/components/clusters/clusters-view.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Clusters" }]}
        title="CloudHSM clusters"
        description="The HSM clusters behind your CloudHSM key stores: their HSMs by Availability Zone, and the key store each one backs."
      />
      <ClustersView />
    </>
  );
}
