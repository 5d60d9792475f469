import type { Metadata } from "next";
import { CreateKeyStoreWizard } from "@/components/key-stores/create-key-store-wizard.tsx";
import { CreateXksKeyStoreWizard } from "@/components/key-stores/create-xks-key-store-wizard.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Create key store" };

export default async function NewKeyStorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSession();
  const external = (await searchParams).type === "external";
  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Keyhold", href: "/key-stores" },
          { label: "Key stores", href: external ? "/key-stores?type=external" : "/key-stores" },
          { label: external ? "Create external key store" : "Create key store" },
        ]}
        title={external ? "Create external key store" : "Create key store"}
      />
      {external ? <CreateXksKeyStoreWizard /> : <CreateKeyStoreWizard />}
    </>
  );
}
