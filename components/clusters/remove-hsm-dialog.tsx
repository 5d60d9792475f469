"use client";

import { Trash2 } from "lucide-react";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useRemoveHsm } from "@/lib/queries/clusters.ts";
import type { ClusterSummary, Hsm } from "@/lib/schemas/clusters.ts";

/** Confirms CloudHSM DeleteHsm, saying what it leaves the cluster's key store with. */
export function RemoveHsmDialog({ cluster, hsm, onClose }: { cluster: ClusterSummary; hsm: Hsm; onClose: () => void }) {
  const remove = useRemoveHsm();
  const left = cluster.hsms.filter((h) => h.state === "ACTIVE" && h.hsmId !== hsm.hsmId);
  const zonesLeft = new Set(left.map((h) => h.availabilityZone)).size;
  return (
    <Dialog
      open
      onClose={onClose}
      busy={remove.isPending}
      title={`Remove HSM ${hsm.hsmId}?`}
      description={`CloudHSM DeleteHsm in ${hsm.availabilityZone}. Key material stays on the cluster's other HSMs and in its backups.`}
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button
            variant="destructive"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(
                { clusterId: cluster.clusterId, hsmId: hsm.hsmId },
                {
                  onSuccess: () => {
                    toast({ tone: "success", title: `Removed HSM ${hsm.hsmId}` });
                    onClose();
                  },
                },
              )
            }
          >
            <Trash2 aria-hidden />
            {remove.isPending ? "Removing…" : "Remove HSM"}
          </Button>
        </>
      }
    >
      {cluster.keyStore && zonesLeft < 2 ? (
        <Alert tone="warning" title={`Key store ${cluster.keyStore.customKeyStoreName} will be affected`}>
          {left.length === 0
            ? "No active HSM will be left: keys in the store cannot be used, and connecting fails with INSUFFICIENT_CLOUDHSM_HSMS."
            : "Fewer than two Availability Zones will have an active HSM: KMS will refuse to create keys in the store (CloudHsmClusterInvalidConfigurationException). Existing keys keep working."}
        </Alert>
      ) : (
        <p>
          {left.length} active HSM{left.length === 1 ? "" : "s"} in {zonesLeft} Availability Zone{zonesLeft === 1 ? "" : "s"} will remain.
        </p>
      )}
    </Dialog>
  );
}
