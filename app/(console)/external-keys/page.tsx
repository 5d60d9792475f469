import type { Metadata } from "next";
import { ExternalKeysView } from "@/components/keys/external-keys/external-keys-view.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { isLocalXksProxyConfigured } from "@/lib/server/console/external-keys/local-xks-proxy.ts";

export const metadata: Metadata = { title: "External keys" };

export default async function ExternalKeysPage() {
  await requireSession();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Keyhold", href: "/key-stores" }, { label: "External keys" }]}
        title="External keys"
        description="The keys of Keyhold's own XKS proxy, the external key manager behind your external key stores: create them, disable or enable them, and see which KMS keys use each."
      />
      {isLocalXksProxyConfigured() ? (
        <ExternalKeysView />
      ) : (
        <Alert tone="info" title="No local XKS proxy">
          This page manages the XKS proxy that runs beside Keyhold with the local backend (npm run xks-proxy -- setup creates it). With AWS
          KMS, external keys live in your own external key manager: manage them there.
        </Alert>
      )}
    </>
  );
}
