import type { Metadata } from "next";
import { CreateKeyWizard } from "@/components/keys/create-key/create-key-wizard.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Create key" };

export default async function NewKeyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSession();
  const { origin, store } = await searchParams;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "Keys", href: "/keys" }, { label: "Create key" }]}
        title="Create key"
      />
      <CreateKeyWizard
        initialOrigin={origin === "AWS_CLOUDHSM" ? "AWS_CLOUDHSM" : undefined}
        initialStore={typeof store === "string" && /^cks-[a-z0-9]{17}$/.test(store) ? store : undefined}
      />
    </>
  );
}
