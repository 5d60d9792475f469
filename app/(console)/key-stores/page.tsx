import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { z } from "zod";
import { Suspense } from "react";
import { KeyStoreTypeTabs } from "@/components/key-stores/key-store-type-tabs.tsx";
import { KeyStoresTable } from "@/components/key-stores/key-stores-table.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { keyStoreKeys } from "@/lib/queries/key-stores.ts";
import { makeQueryClient } from "@/lib/queries/query-client.ts";
import { ZKeyStoreListResponse } from "@/lib/schemas/key-stores.ts";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { listKeyStores } from "@/lib/server/console/key-stores/list-key-stores.ts";

export const metadata: Metadata = { title: "Key stores" };

const ZSearch = z.object({ type: z.enum(["cloudhsm", "external"]).catch("cloudhsm") }).catch({ type: "cloudhsm" });

export default async function KeyStoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  const { type } = ZSearch.parse(await searchParams);
  // The stores come with the HTML (from the status cache): rows at first paint, no skeleton. A failure
  // leaves the query empty, and the browser asks and shows the error. Both tabs read the same list.
  const queryClient = makeQueryClient();
  await listKeyStores({ caller: { session } })
    .then((list) => queryClient.setQueryData(keyStoreKeys.list(), ZKeyStoreListResponse.parse(list)))
    .catch((e: unknown) => console.warn("[keyhold] prefetching the key stores page failed; the browser will ask again:", e));
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Key stores" }]}
        title="Key stores"
        description="Custom key stores put your KMS keys' material in HSMs you control: an AWS CloudHSM cluster, or an external key manager behind an XKS proxy."
      />
      <KeyStoreTypeTabs value={type}>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Suspense>
            <KeyStoresTable type={type === "external" ? "EXTERNAL_KEY_STORE" : "AWS_CLOUDHSM"} />
          </Suspense>
        </HydrationBoundary>
      </KeyStoreTypeTabs>
    </>
  );
}
