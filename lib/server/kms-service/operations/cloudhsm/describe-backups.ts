import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { BACKUPS_MAX_SIZE, NEXT_TOKEN, readFilters } from "@/lib/server/kms-service/input/cloudhsm-shapes.ts";
import { listBackups } from "@/lib/server/kms-service/cloudhsm/list-backups.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** DescribeBackups (spec §5): Filters, Shared, SortAscending, NextToken / MaxResults. */
export const describeBackupsOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const nextToken = r.string("NextToken", NEXT_TOKEN);
  const maxResults = r.integer("MaxResults", BACKUPS_MAX_SIZE);
  const filters = readFilters(r);
  const shared = r.boolean("Shared");
  const sortAscending = r.boolean("SortAscending");
  r.finish();
  return listBackups({ filters, nextToken, maxResults, shared, sortAscending });
};
