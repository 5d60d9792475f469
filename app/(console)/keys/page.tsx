import type { Metadata } from "next";
import { Suspense } from "react";
import { KeysTable } from "@/components/keys/keys-table.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

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
      <Suspense>
        <KeysTable />
      </Suspense>
    </>
  );
}
