import "server-only";
import { DeleteClusterCommand } from "@aws-sdk/client-cloudhsm-v2";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { cloudHsmForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";

export type DeleteClusterOptions = { caller: Caller; clusterId: string };

/**
 * CloudHSM DeleteCluster: only a cluster with no HSMs left. As on AWS, a key store that still names
 * the cluster is not a reason to refuse; it fails to connect afterwards (CLUSTER_NOT_FOUND), which the
 * page's confirmation says.
 */
export async function deleteCluster({ caller, clusterId }: DeleteClusterOptions): Promise<{ clusterId: string; state: string }> {
  const client = await cloudHsmForCaller(caller);
  const { Cluster } = await callAws(() => client.send(new DeleteClusterCommand({ ClusterId: clusterId })));
  await refreshAfterChange(caller);
  return { clusterId: Cluster?.ClusterId ?? clusterId, state: Cluster?.State ?? "DELETE_IN_PROGRESS" };
}
