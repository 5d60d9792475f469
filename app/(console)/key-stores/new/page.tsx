import type { Metadata } from "next";
import { CreateKeyStoreWizard } from "@/components/key-stores/create-key-store-wizard.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Create key store" };

export default async function NewKeyStorePage() {
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Keyhold", href: "/key-stores" },
          { label: "Key stores", href: "/key-stores" },
          { label: "Create key store" },
        ]}
        title="Create key store"
      />
      <CreateKeyStoreWizard />
    </>
  );
}
