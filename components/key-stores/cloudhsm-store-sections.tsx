"use client";

import Link from "next/link";
import { KeyValue } from "@/components/shell/key-value.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { buttonVariants } from "@/components/ui/button.tsx";
import type { KeyStoreDetailResponse, KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { HsmCount } from "./hsm-count.tsx";
import { HsmInventory } from "./hsm-inventory.tsx";
import { KeyMaterialInventory } from "./key-material-inventory.tsx";
import { ReadinessChecks } from "./readiness-checks.tsx";

/** A CloudHSM store's entries of the General configuration card. */
export function CloudHsmConfiguration({ store: s }: { store: KeyStoreSummary }) {
  return (
    <>
      <KeyValue label="CloudHSM cluster ID">
        <Link href="/clusters" className="font-mono text-xs text-link hover:underline">
          {s.cloudHsmClusterId}
        </Link>
      </KeyValue>
      <KeyValue label="HSMs (active / total)">
        <HsmCount hsms={s.hsms} />
      </KeyValue>
      <KeyValue label="Trust anchor certificate">
        {s.trustAnchorCertificate ? (
          <details>
            <summary className="cursor-pointer text-link">Show customerCA.crt</summary>
            <pre className="relative mt-2 max-h-40 overflow-auto rounded-md bg-muted p-2 font-mono text-[11px] leading-4">
              {s.trustAnchorCertificate}
            </pre>
          </details>
        ) : (
          "—"
        )}
      </KeyValue>
    </>
  );
}

/** Readiness and the cluster's HSMs (above the keys). */
export function CloudHsmSections({ store: s, cluster }: { store: KeyStoreSummary; cluster: KeyStoreDetailResponse["cluster"] }) {
  return (
    <>
      <SectionCard
        title="Readiness"
        description="The documented prerequisites, checked against the cached store and cluster state."
        data-testid="readiness-card"
      >
        <ReadinessChecks checks={s.readiness} />
      </SectionCard>

      <SectionCard
        title="Cluster HSMs"
        description="Connecting needs at least one active HSM; creating keys needs two active HSMs in different Availability Zones."
        actions={
          <Link href="/clusters" className={buttonVariants({ variant: "normal", size: "sm" })}>
            Manage HSMs
          </Link>
        }
      >
        {cluster ? (
          <HsmInventory cluster={cluster} />
        ) : (
          <Alert tone="warning" title="The cluster could not be described">
            CloudHSM has no cluster {s.cloudHsmClusterId}. If it was deleted, create a cluster from a recent backup, then disconnect the
            store and edit its cluster ID.
          </Alert>
        )}
      </SectionCard>
    </>
  );
}

/** Key material inventory (below the keys). */
export function CloudHsmKeyMaterial({ storeId }: { storeId: string }) {
  return (
    <SectionCard title="Key material" description="Keys whose material is missing from the cluster, and material no KMS key owns.">
      <KeyMaterialInventory storeId={storeId} />
    </SectionCard>
  );
}
