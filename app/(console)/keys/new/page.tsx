import type { Metadata } from "next";
import { CreateKeyWizard } from "@/components/keys/create-key/create-key-wizard.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Create key" };

export default async function NewKeyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSession();
  // ?origin=AWS_CLOUDHSM|EXTERNAL_KEY_STORE&customKeyStoreId=cks-… (a store page's "Create a KMS key in this key store"); ?store= too.
  const { origin, store, customKeyStoreId } = await searchParams;
  const storeId = [customKeyStoreId, store].find((s): s is string => typeof s === "string" && /^cks-[a-z0-9]{17}$/.test(s));
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Keys", href: "/keys" }, { label: "Create key" }]}
        title="Create key"
      />
      <CreateKeyWizard
        initialOrigin={origin === "AWS_CLOUDHSM" || origin === "EXTERNAL_KEY_STORE" ? origin : undefined}
        initialStore={storeId}
      />
    </>
  );
}
