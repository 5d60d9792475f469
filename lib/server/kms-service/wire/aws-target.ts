import "server-only";

// X-Amz-Target → service and operation (spec/kms-api.md §1.1). The SigV4 signing name of CloudHSM v2
// is "cloudhsm" (botocore metadata `signingName`), not its endpoint prefix "cloudhsmv2".
export type AwsService = "kms" | "cloudhsm";

export const TARGET_PREFIX: Record<AwsService, string> = {
  kms: "TrentService",
  cloudhsm: "BaldrApiService",
};

/** The SigV4 credential-scope service name each service must be signed for. */
export const SIGNING_NAME: Record<AwsService, string> = {
  kms: "kms",
  cloudhsm: "cloudhsm",
};

export type AwsTarget = {
  service: AwsService;
  /** Model operation name, e.g. "Encrypt". */
  operation: string;
  /** Registry key, e.g. "kms:Encrypt". */
  key: `${AwsService}:${string}`;
};

/** The service named by a target's prefix, even when the operation part is missing or malformed. */
export function serviceOfTarget(target: string | undefined): AwsService | undefined {
  if (!target) return undefined;
  const prefix = target.split(".", 1)[0];
  if (prefix === TARGET_PREFIX.kms) return "kms";
  if (prefix === TARGET_PREFIX.cloudhsm) return "cloudhsm";
  return undefined;
}

/** "TrentService.Encrypt" → { service: "kms", operation: "Encrypt" }; undefined when not well formed. */
export function parseTarget(target: string | undefined): AwsTarget | undefined {
  const service = serviceOfTarget(target);
  if (!service || !target) return undefined;
  const operation = target.slice(TARGET_PREFIX[service].length + 1);
  if (!/^[A-Z][A-Za-z0-9]{0,127}$/.test(operation)) return undefined;
  return { service, operation, key: `${service}:${operation}` };
}
