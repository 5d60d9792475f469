import "server-only";

// What of a KMS / CloudHSM request goes into the audit log (requestParameters), by an explicit list per
// member name: "keep" as sent, "hide" (secrets and plaintext: the marker CloudTrail uses), "size" (blobs
// such as CiphertextBlob: only their decoded length), or a nested structure's own list. A member not on
// the list is left out, so a member added later is not logged by accident. Long strings are cut.

export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

export type Rule = "keep" | "hide" | "size" | { [member: string]: Rule };

const KEEP_MEMBERS = [
  // KMS (botocore kms 2014-11-01 request members)
  "AliasName",
  "BypassPolicyLockoutSafetyCheck",
  "CloudHsmClusterId",
  "Constraints",
  "CustomKeyStoreId",
  "CustomKeyStoreName",
  "CustomKeyStoreType",
  "CustomerMasterKeySpec",
  "Description",
  "DestinationEncryptionAlgorithm",
  "DestinationEncryptionContext",
  "DestinationKeyId",
  "DryRun",
  "DryRunModifiers",
  "EncryptionAlgorithm",
  "EncryptionContext",
  "ExpirationModel",
  "GrantId",
  "GranteePrincipal",
  "ImportType",
  "IncludeKeyMaterial",
  "KeyAgreementAlgorithm",
  "KeyId",
  "KeyMaterialDescription",
  "KeyMaterialId",
  "KeyPairSpec",
  "KeySpec",
  "KeyUsage",
  "Limit",
  "MacAlgorithm",
  "Marker",
  "MessageType",
  "MultiRegion",
  "Name",
  "NewCustomKeyStoreName",
  "NumberOfBytes",
  "Operations",
  "Origin",
  "PendingWindowInDays",
  "Policy",
  "PolicyName",
  "PrimaryRegion",
  "ReplicaRegion",
  "RetiringPrincipal",
  "RotationPeriodInDays",
  "SigningAlgorithm",
  "SourceEncryptionAlgorithm",
  "SourceEncryptionContext",
  "SourceKeyId",
  "TagKeys",
  "Tags",
  "TargetKeyId",
  "TrustAnchorCertificate",
  "ValidTo",
  "WrappingAlgorithm",
  "WrappingKeySpec",
  "XksKeyId",
  "XksProxyConnectivity",
  "XksProxyUriEndpoint",
  "XksProxyUriPath",
  "XksProxyVpcEndpointServiceName",
  "XksProxyVpcEndpointServiceOwner",
  // CloudHSM v2 (botocore cloudhsmv2 2017-04-28 request members)
  "AvailabilityZone",
  "BackupId",
  "BackupRetentionPolicy",
  "ClusterId",
  "DestinationRegion",
  "EniId",
  "EniIp",
  "Filters",
  "HsmId",
  "HsmType",
  "IpAddress",
  "MaxResults",
  "Mode",
  "NetworkType",
  "NeverExpires",
  "NextToken",
  "ResourceArn",
  "ResourceId",
  "Shared",
  "SignedCert",
  "SortAscending",
  "SourceBackupId",
  "SubnetIds",
  "TagKeyList",
  "TagList",
  "TrustAnchor",
] as const;

const RULES: Record<string, Rule> = {
  ...Object.fromEntries(KEEP_MEMBERS.map((m) => [m, "keep" as const])),
  // Secrets and plaintext: never stored.
  Plaintext: "hide",
  KeyStorePassword: "hide",
  GrantTokens: "hide",
  GrantToken: "hide",
  Message: "hide",
  XksProxyAuthenticationCredential: { AccessKeyId: "keep", RawSecretAccessKey: "hide" },
  // Blobs: only their length.
  CiphertextBlob: "size",
  EncryptedKeyMaterial: "size",
  ImportToken: "size",
  Mac: "size",
  PublicKey: "size",
  Signature: "size",
  Recipient: { KeyEncryptionAlgorithm: "keep", AttestationDocument: "size" },
};

const MAX_STRING = 32 * 1024;
const MAX_DEPTH = 6;

/** The request's members as they may be stored; undefined when there is nothing to store. */
export function redactRequestParameters(input: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!input) return undefined;
  const out = applyRules(input, RULES);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The members of `value` that `rules` names, each as its rule says (also for response elements). */
export function applyRules(value: Record<string, unknown>, rules: Record<string, Rule>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [member, v] of Object.entries(value)) {
    const rule = Object.hasOwn(rules, member) ? rules[member] : undefined;
    if (rule === undefined || v === undefined) continue;
    if (rule === "hide") out[member] = HIDDEN;
    else if (rule === "size") out[member] = { sizeInBytes: base64Size(v) };
    else if (rule === "keep") out[member] = copy(v, 0);
    else if (v !== null && typeof v === "object" && !Array.isArray(v)) out[member] = applyRules(v as Record<string, unknown>, rule);
  }
  return out;
}

/** Decoded length of a base64 member without decoding it (a Buffer's own length); null when it is neither. */
function base64Size(value: unknown): number | null {
  if (value instanceof Uint8Array) return value.length;
  if (typeof value !== "string") return null;
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((value.length * 3) / 4) - padding);
}

/** A JSON value with long strings cut and deep nesting dropped; dates as ISO 8601, bytes as their length. */
function copy(value: unknown, depth: number): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return { sizeInBytes: value.length };
  if (typeof value === "string") {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} characters)` : value;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.slice(0, 1000).map((v) => copy(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.slice(0, 256), copy(v, depth + 1)]));
}
