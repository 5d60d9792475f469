import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { ComingSoonButton } from "@/components/shell/coming-soon-button.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { TableShell } from "@/components/shell/table-shell.tsx";
import { requireSession } from "@/lib/server/auth/get-session.ts";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Keys" }]}
        title="Customer managed keys"
        description="Symmetric encryption KMS keys, including those whose key material lives in your custom key stores."
      />
      <TableShell
        title="Customer managed keys"
        count={0}
        actions={<ComingSoonButton label="Create key" />}
        filterPlaceholder="Filter keys by alias, key ID or key store"
        columns={["Aliases", "Key ID", "Status", "Origin", "Custom key store ID", "Key spec"]}
        empty={
          <EmptyState
            icon={KeyRound}
            title="No keys yet"
            description="Keys you create appear here with their aliases, state and origin. Keys backed by a custom key store show the store they live in, so you can see at a glance what depends on each store."
            action={<ComingSoonButton label="Create key" variant="normal" badge={false} />}
          />
        }
      />
    </>
  );
}
