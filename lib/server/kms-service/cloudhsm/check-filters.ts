import "server-only";
import { invalidRequest } from "@/lib/server/hsm/clusters/cluster-errors.ts";

/** Refuses filter names the operation does not define (CloudHsmInvalidRequestException). */
export function checkFilterNames(filters: Record<string, string[]> | undefined, allowed: readonly string[]): void {
  for (const name of Object.keys(filters ?? {})) {
    if (!allowed.includes(name)) {
      throw invalidRequest(`'${name}' is not a valid filter. Valid filters: ${allowed.join(", ")}.`);
    }
  }
}
