import type { Metadata } from "next";
import { AccountView } from "@/components/account/account-view.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  // Layouts are not re-rendered on client navigation: every page checks the session itself.
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "My account" }]}
        title="My account"
        description="Your password and your access keys for the AWS CLI and SDKs."
      />
      <AccountView />
    </>
  );
}
