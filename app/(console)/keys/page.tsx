import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { KeysTable } from "@/components/keys/keys-table.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { makeQueryClient } from "@/lib/queries/query-client.ts";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { prefetchKeyList } from "@/lib/server/console/key-cache/prefetch-key-list.ts";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  // The first page of keys comes with the HTML (from the key cache): rows at first paint, no skeleton.
  const queryClient = makeQueryClient();
  await prefetchKeyList(queryClient, { session }, await searchParams);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Keys" }]}
        title="Customer managed keys"
        description="Symmetric encryption KMS keys, including those whose key material lives in your custom key stores."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense>
          <KeysTable />
        </Suspense>
      </HydrationBoundary>
    </>
  );
}
