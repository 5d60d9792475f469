import "server-only";
import type { InputReader, StringRule } from "./input-reader.ts";

// The botocore CloudHSM v2 shapes (models/botocore_cloudhsmv2_2017-04-28_service-2.json) the local
// CloudHSM operations read, as InputReader rules.

export const CLUSTER_ID: StringRule = { pattern: "cluster-[2-7a-zA-Z]{11,16}" };
export const HSM_ID: StringRule = { pattern: "hsm-[2-7a-zA-Z]{11,16}" };
export const ENI_ID: StringRule = { pattern: "eni-[0-9a-fA-F]{8,17}" };
export const IP_ADDRESS: StringRule = { pattern: "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}" };
export const EXTERNAL_AZ: StringRule = { pattern: "[a-z]{2}(-(gov))?-(east|west|north|south|central){1,2}-\\d[a-z]" };
export const NEXT_TOKEN: StringRule = { max: 256, pattern: ".*" };
export const FIELD: StringRule = { pattern: "[a-zA-Z0-9_-]+" };
/** ClustersMaxSize and BackupsMaxSize. */
export const CLUSTERS_MAX_SIZE = { min: 1, max: 25 } as const;
export const BACKUPS_MAX_SIZE = { min: 1, max: 50 } as const;

/** The Filters member (map of Field → Strings, at most 30 entries), or undefined when absent. */
export function readFilters(reader: InputReader): Record<string, string[]> | undefined {
  const value = reader.raw("Filters");
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    reader.violation("filters", undefined, "Member must be a map");
    return undefined;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  let ok = true;
  if (entries.length > 30) {
    reader.violation("filters", undefined, "Member must have length less than or equal to 30");
    ok = false;
  }
  const out: Record<string, string[]> = {};
  for (const [field, values] of entries) {
    if (!reader.checkString("filters", field, FIELD)) ok = false;
    if (!Array.isArray(values) || !values.every((v) => typeof v === "string")) {
      reader.violation(`filters.${field}`, undefined, "Member must be a list of strings");
      ok = false;
      continue;
    }
    out[field] = values as string[];
  }
  return ok ? out : undefined;
}
