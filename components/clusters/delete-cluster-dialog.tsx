"use client";

import { Trash2 } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useDeleteCluster } from "@/lib/queries/clusters.ts";
import type { ClusterSummary } from "@/lib/schemas/clusters.ts";

/** The rule CloudHSM's DeleteCluster applies: every HSM deleted first. */
export function deleteClusterRule(cluster: ClusterSummary): { allowed: true } | { allowed: false; reason: string } {
  const n = cluster.hsms.length;
  return n === 0
    ? { allowed: true }
    : { allowed: false, reason: `Remove its ${n} HSM${n === 1 ? "" : "s"} first: CloudHSM deletes only an empty cluster.` };
}

/** Confirms CloudHSM DeleteCluster; warns when a key store still names the cluster (AWS does not refuse that). */
export function DeleteClusterDialog({ cluster, onClose }: { cluster: ClusterSummary; onClose: () => void }) {
  const remove = useDeleteCluster();
  return (
    <ConfirmDialog
      title={`Delete cluster ${cluster.clusterId}?`}
      description="CloudHSM DeleteCluster. The cluster's backups are kept, so it can be restored from one."
      icon={Trash2}
      confirmLabel="Delete cluster"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(
          { clusterId: cluster.clusterId },
          {
            onSuccess: () => {
              toast({ tone: "success", title: `Deleted cluster ${cluster.clusterId}` });
              onClose();
            },
          },
        )
      }
    >
      {cluster.keyStore ? (
        <Alert tone="warning" title={`Key store ${cluster.keyStore.customKeyStoreName} still uses this cluster`}>
          As on AWS, deleting the cluster is allowed: the key store stays, but it cannot connect again (CLUSTER_NOT_FOUND) and its keys
          cannot be used until it is edited to a cluster restored from a backup of this one.
        </Alert>
      ) : (
        <p>No key store uses this cluster.</p>
      )}
      <ApiErrorAlert error={remove.error} title="The cluster was not deleted" />
    </ConfirmDialog>
  );
}
