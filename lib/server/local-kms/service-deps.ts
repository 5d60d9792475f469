import "server-only";
import { findAccessKeyForSigV4 } from "@/lib/server/auth/access-key-lookup.ts";
import { env } from "@/lib/server/env.ts";
import { operations } from "./operations/registry.ts";
import type { HandleAwsRequestDeps } from "./wire/handle-aws-request.ts";

/** The real dependencies of the local KMS endpoint: configured Region and account, DB-backed keys, all operations. */
export function localServiceDeps(): HandleAwsRequestDeps {
  const e = env();
  return {
    region: e.region,
    accountId: e.KEYHOLD_ACCOUNT_ID,
    lookupAccessKey: findAccessKeyForSigV4,
    operations,
  };
}
