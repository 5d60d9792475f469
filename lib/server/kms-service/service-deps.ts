import "server-only";
import { findAccessKeyForSigV4 } from "@/lib/server/platform/identity/access-key-lookup.ts";
import { env } from "@/lib/server/platform/env.ts";
import { recordAwsRequest } from "./audit/record-aws-request.ts";
import { isSourceThrottled } from "./audit/rejected-requests.ts";
import { authorizeOperation } from "./authz/authorize-operation.ts";
import { operations } from "./operations/registry.ts";
import type { HandleAwsRequestDeps } from "./wire/handle-aws-request.ts";

/**
 * The real dependencies of the local KMS endpoint: configured Region and account, DB-backed keys, all
 * operations, the callers' console roles as their IAM policies, and the audit hook (every request becomes an AuditEvent, written in batches off the
 * request path; see audit/audit-writer.ts).
 */
export function localServiceDeps(): HandleAwsRequestDeps {
  const e = env();
  return {
    region: e.region,
    accountId: e.KEYHOLD_ACCOUNT_ID,
    lookupAccessKey: findAccessKeyForSigV4,
    operations,
    authorize: authorizeOperation,
    onCompleted: recordAwsRequest,
    isSourceThrottled,
  };
}
