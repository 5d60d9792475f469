"use client";

import { Plus, Server, Trash2 } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { HsmInventory } from "@/components/key-stores/hsm-inventory.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardContent, CardHeader } from "@/components/ui/card.tsx";
import { Select } from "@/components/ui/select.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { useAddHsm, useClusters } from "@/lib/queries/clusters.ts";
import { useMe } from "@/lib/queries/me.ts";
import type { ClusterSummary, Hsm } from "@/lib/schemas/clusters.ts";
import { CreateLocalClusterDialog } from "./create-local-cluster-dialog.tsx";
import { DeleteClusterDialog, deleteClusterRule } from "./delete-cluster-dialog.tsx";
import { KmsuserCliSteps } from "./kmsuser-cli-steps.tsx";
import { KmsuserPanel } from "./kmsuser-panel.tsx";
import { RemoveHsmDialog } from "./remove-hsm-dialog.tsx";

function AddHsm({ cluster }: { cluster: ClusterSummary }) {
  const add = useAddHsm();
  // Suggest the zone with the fewest HSMs.
  const counts = cluster.subnetZones.map((az) => ({ az, n: cluster.hsms.filter((h) => h.availabilityZone === az).length }));
  const suggested = [...counts].sort((a, b) => a.n - b.n)[0]?.az ?? "";
  const [az, setAz] = useState(suggested);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-sm">
        <span className="text-muted-foreground">Availability Zone</span>
        <Select
          className="w-36"
          value={az}
          onChange={(e) => setAz(e.target.value)}
          aria-label={`Availability Zone for a new HSM in ${cluster.clusterId}`}
        >
          {cluster.subnetZones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </Select>
      </label>
      <Button
        variant="normal"
        size="sm"
        disabled={add.isPending || !az}
        onClick={() =>
          add.mutate(
            { clusterId: cluster.clusterId, availabilityZone: az },
            { onSuccess: ({ hsm }) => toast({ tone: "success", title: `Added HSM ${hsm.hsmId} in ${hsm.availabilityZone}` }) },
          )
        }
      >
        <Plus aria-hidden />
        {add.isPending ? "Adding HSM…" : "Add HSM"}
      </Button>
    </div>
  );
}

/** The clusters page: each cluster's HSMs by AZ, its key store, and (local backend) add/remove HSMs and create clusters. */
export function ClustersView() {
  const { data, error, refetch } = useClusters();
  const { data: me } = useMe();
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<{ cluster: ClusterSummary; hsm: Hsm } | null>(null);
  const [deleting, setDeleting] = useState<ClusterSummary | null>(null);
  const local = data?.localMode ?? me?.backend === "local";
  const admin = me?.role === "admin";
  const canWrite = me?.role === "admin" || me?.role === "operator";
  // A link to a section of this page (#kmsuser-<cluster>, from a store's fix steps) arrives before the
  // clusters have loaded, when there is nothing to scroll to yet: go there once they have.
  const scrolledToHash = useRef(false);
  useEffect(() => {
    if (!data || scrolledToHash.current) return;
    scrolledToHash.current = true;
    if (window.location.hash) document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [data]);

  const header = (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h2 className="text-lg font-bold">
        Clusters {data ? <span className="font-normal text-muted-foreground">({data.clusters.length})</span> : null}
      </h2>
      {local ? (
        <span className="flex items-center gap-2">
          <span className="text-xs text-muted-foreground">Local backend only</span>
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden />
            Create local cluster
          </Button>
        </span>
      ) : null}
    </div>
  );

  return (
    <>
      {header}
      {error ? (
        <Card>
          <ErrorPanel error={error} title="The clusters could not be loaded" onRetry={() => void refetch()} />
        </Card>
      ) : !data ? (
        <Card className="p-5">
          <Skeleton className="h-6 w-64" />
          <Skeleton className="mt-4 h-24 w-full" />
        </Card>
      ) : data.clusters.length === 0 ? (
        <Card>
          <EmptyState
            icon={Server}
            title="No clusters"
            description="A CloudHSM key store needs a cluster with at least two active HSMs in different Availability Zones."
          />
        </Card>
      ) : (
        data.clusters.map((c) => (
          <Card key={c.clusterId} data-testid="cluster-card" data-cluster-id={c.clusterId}>
            <CardHeader>
              <div className="min-w-0">
                <h3 className="flex flex-wrap items-center gap-2 text-base font-bold">
                  <span className="font-mono">{c.clusterId}</span>
                  <Badge tone={c.state === "ACTIVE" ? "success" : c.state.includes("PROGRESS") ? "info" : "neutral"}>
                    {c.state.replaceAll("_", " ").toLowerCase()}
                  </Badge>
                  {c.eligibility.eligible ? <Badge tone="info">Can back a new key store</Badge> : null}
                </h3>
                <p className="mt-1 text-sm text-muted-foreground">
                  {c.keyStore ? (
                    <>
                      Used by key store{" "}
                      <Link
                        href={`/key-stores/${c.keyStore.customKeyStoreId}`}
                        className="text-link underline underline-offset-2 hover:text-link-hover"
                      >
                        {c.keyStore.customKeyStoreName}
                      </Link>
                    </>
                  ) : (
                    "Not used by a key store"
                  )}
                  {c.createTimestamp ? (
                    <>
                      {" · Created "}
                      <LocalTime iso={c.createTimestamp} />
                    </>
                  ) : null}
                  {c.hsmType ? ` · ${c.hsmType}` : ""}
                </p>
                {!c.eligibility.eligible && !c.keyStore ? (
                  <p className="mt-1 text-xs text-warning">{c.eligibility.reasons.join(" ")}</p>
                ) : null}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {local ? <AddHsm cluster={c} /> : null}
                {canWrite ? (
                  <GuardedButton variant="normal" size="sm" rule={deleteClusterRule(c)} onClick={() => setDeleting(c)}>
                    <Trash2 aria-hidden />
                    Delete cluster
                  </GuardedButton>
                ) : null}
              </div>
            </CardHeader>
            <CardContent>
              <HsmInventory
                cluster={c}
                actions={
                  local
                    ? (h) =>
                        h.state === "ACTIVE" ? (
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label={`Remove HSM ${h.hsmId}`}
                            title="Remove HSM"
                            onClick={() => setRemoving({ cluster: c, hsm: h })}
                          >
                            <Trash2 aria-hidden />
                          </Button>
                        ) : null
                    : undefined
                }
              />
              {local ? <KmsuserPanel cluster={c} admin={admin} /> : <KmsuserCliSteps clusterId={c.clusterId} />}
            </CardContent>
          </Card>
        ))
      )}
      {removing ? <RemoveHsmDialog cluster={removing.cluster} hsm={removing.hsm} onClose={() => setRemoving(null)} /> : null}
      {deleting ? <DeleteClusterDialog cluster={deleting} onClose={() => setDeleting(null)} /> : null}
      {creating && me ? <CreateLocalClusterDialog open region={me.region} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
