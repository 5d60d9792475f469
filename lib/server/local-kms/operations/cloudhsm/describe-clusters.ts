import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { CLUSTERS_MAX_SIZE, NEXT_TOKEN, readFilters } from "@/lib/server/local-kms/input/cloudhsm-shapes.ts";
import { listClusters } from "@/lib/server/local-kms/cloudhsm/list-clusters.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

/** DescribeClusters (spec §5): Filters clusterIds / states / vpcIds, NextToken / MaxResults. */
export const describeClustersOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const filters = readFilters(r);
  const nextToken = r.string("NextToken", NEXT_TOKEN);
  const maxResults = r.integer("MaxResults", CLUSTERS_MAX_SIZE);
  r.finish();
  return listClusters({ filters, nextToken, maxResults });
};
