import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CLUSTERS_MAX_SIZE, NEXT_TOKEN, readFilters } from "@/lib/server/kms-service/input/cloudhsm-shapes.ts";
import { listLocalClusters } from "@/lib/server/kms-service/cloudhsm/list-clusters.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** DescribeClusters (spec §5): Filters clusterIds / states / vpcIds, NextToken / MaxResults. */
export const describeClustersOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const filters = readFilters(r);
  const nextToken = r.string("NextToken", NEXT_TOKEN);
  const maxResults = r.integer("MaxResults", CLUSTERS_MAX_SIZE);
  r.finish();
  return listLocalClusters({ filters, nextToken, maxResults });
};
