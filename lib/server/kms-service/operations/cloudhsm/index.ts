import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { createHsmOperation } from "./create-hsm.ts";
import { deleteClusterOperation } from "./delete-cluster.ts";
import { deleteHsmOperation } from "./delete-hsm.ts";
import { describeBackupsOperation } from "./describe-backups.ts";
import { describeClustersOperation } from "./describe-clusters.ts";

// The cloudhsm operations, one file each, keyed as in registry.ts.
export const cloudHsmOperations: OperationRegistry = {
  "cloudhsm:DescribeClusters": describeClustersOperation,
  "cloudhsm:DescribeBackups": describeBackupsOperation,
  "cloudhsm:CreateHsm": createHsmOperation,
  "cloudhsm:DeleteHsm": deleteHsmOperation,
  "cloudhsm:DeleteCluster": deleteClusterOperation,
};
