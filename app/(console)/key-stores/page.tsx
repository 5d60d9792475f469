import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { LockKeyhole } from "lucide-react";
import type { Metadata } from "next";
import { z } from "zod";
import { Suspense } from "react";
import { KeyStoreTypeTabs } from "@/components/key-stores/key-store-type-tabs.tsx";
import { KeyStoresTable } from "@/components/key-stores/key-stores-table.tsx";
import { ComingSoonButton } from "@/components/shell/coming-soon-button.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { TableShell } from "@/components/shell/table-shell.tsx";
import { keyStoreKeys } from "@/lib/queries/key-stores.ts";
import { makeQueryClient } from "@/lib/queries/query-client.ts";
import { ZKeyStoreListResponse } from "@/lib/schemas/key-stores.ts";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { listKeyStores } from "@/lib/server/console/key-stores/list-key-stores.ts";

export const metadata: Metadata = { title: "Key stores" };

const ZSearch = z.object({ type: z.enum(["cloudhsm", "external"]).catch("cloudhsm") }).catch({ type: "cloudhsm" });

const TABS = {
  cloudhsm: {
    label: "AWS CloudHSM key stores",
    create: "Create key store",
    columns: ["Name", "Key store ID", "Cluster ID", "HSMs", "Connection state", "Creation date"] as string[],
    emptyTitle: "No CloudHSM key stores yet",
    emptyText:
      "A CloudHSM key store keeps the key material of your KMS keys in a CloudHSM cluster you control. Each one appears here with its cluster, HSM count and live connection state.",
  },
  external: {
    label: "External key stores",
    create: "Create external key store",
    columns: ["Name", "Key store ID", "Connectivity", "Proxy URI endpoint", "Connection state", "Creation date"] as string[],
    emptyTitle: "No external key stores yet",
    emptyText:
      "An external key store (XKS) uses keys in an HSM outside AWS, reached through an XKS proxy. Each one appears here with its proxy endpoint, connectivity and live connection state.",
  },
} as const;

export default async function KeyStoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  const { type } = ZSearch.parse(await searchParams);
  const tab = TABS[type];
  // The stores come with the HTML (from the status cache): rows at first paint, no skeleton. A failure
  // leaves the query empty, and the browser asks and shows the error.
  const queryClient = makeQueryClient();
  if (type === "cloudhsm") {
    await listKeyStores({ caller: { session } })
      .then((list) => queryClient.setQueryData(keyStoreKeys.list(), ZKeyStoreListResponse.parse(list)))
      .catch((e: unknown) => console.warn("[keyhold] prefetching the key stores page failed; the browser will ask again:", e));
  }
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Key stores" }]}
        title="Key stores"
        description="Custom key stores put your KMS keys' material in HSMs you control: an AWS CloudHSM cluster, or an external key manager behind an XKS proxy."
      />
      <KeyStoreTypeTabs value={type}>
        {type === "cloudhsm" ? (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <Suspense>
              <KeyStoresTable />
            </Suspense>
          </HydrationBoundary>
        ) : (
          <TableShell
            title={tab.label}
            count={0}
            description="Up to 10 custom key stores per account and Region, of both types together."
            actions={<ComingSoonButton label={tab.create} />}
            filterPlaceholder="Find key stores by name or ID"
            columns={tab.columns}
            empty={
              <EmptyState
                icon={LockKeyhole}
                title={tab.emptyTitle}
                description={tab.emptyText}
                action={<ComingSoonButton label={tab.create} variant="normal" badge={false} />}
              />
            }
          />
        )}
      </KeyStoreTypeTabs>
    </>
  );
}
