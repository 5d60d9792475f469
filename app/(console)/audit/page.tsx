import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditView } from "@/components/audit/audit-view.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { makeQueryClient } from "@/lib/queries/query-client.ts";
import { prefetchAuditEvents } from "@/lib/server/console/audit/prefetch-audit-events.ts";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  const session = await requireSession();
  // The first page of events comes with the HTML: rows at first paint, no skeleton and no second fetch.
  const queryClient = makeQueryClient();
  await prefetchAuditEvents(queryClient, session, await searchParams);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Audit" }]}
        title="Event history"
        description="A CloudTrail-style record of every operation: who did what, from where, and whether it succeeded."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense>
          <AuditView />
        </Suspense>
      </HydrationBoundary>
    </>
  );
}
