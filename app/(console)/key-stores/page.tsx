import type { Metadata } from "next";
import { z } from "zod";
import { Suspense } from "react";
import { KeyStoreTypeTabs } from "@/components/key-stores/key-store-type-tabs.tsx";
import { KeyStoresTable } from "@/components/key-stores/key-stores-table.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Key stores" };

const ZSearch = z.object({ type: z.enum(["cloudhsm", "external"]).catch("cloudhsm") }).catch({ type: "cloudhsm" });

export default async function KeyStoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  const { type } = ZSearch.parse(await searchParams);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Key stores" }]}
        title="Key stores"
        description="Custom key stores put your KMS keys' material in HSMs you control: an AWS CloudHSM cluster, or an external key manager behind an XKS proxy."
      />
      <KeyStoreTypeTabs value={type}>
        <Suspense>
          <KeyStoresTable type={type === "external" ? "EXTERNAL_KEY_STORE" : "AWS_CLOUDHSM"} />
        </Suspense>
      </KeyStoreTypeTabs>
    </>
  );
}
