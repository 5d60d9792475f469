import "server-only";
import { deleteCluster } from "@/lib/server/hsm/clusters/delete-cluster.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CLUSTER_ID } from "@/lib/server/kms-service/input/cloudhsm-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** DeleteCluster (botocore cloudhsmv2 model): ClusterId. Only a cluster without HSMs. Answers { Cluster }. */
export const deleteClusterOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const clusterId = r.string("ClusterId", { ...CLUSTER_ID, required: true });
  r.finish();
  return { Cluster: await deleteCluster({ clusterId }) };
};
