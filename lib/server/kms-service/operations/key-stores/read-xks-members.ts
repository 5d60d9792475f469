import "server-only";
import type { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import {
  ACCOUNT_ID,
  XKS_MEMBERS,
  XKS_PROXY_ACCESS_KEY_ID,
  XKS_PROXY_CONNECTIVITY,
  XKS_PROXY_RAW_SECRET_ACCESS_KEY,
  XKS_PROXY_URI_ENDPOINT,
  XKS_PROXY_URI_PATH,
  XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
} from "@/lib/server/kms-service/input/key-store-shapes.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

/**
 * Validates the external-key-store members of CreateCustomKeyStore / UpdateCustomKeyStore against the
 * model (so a malformed request is a ValidationException whatever the store type) and returns the names
 * of those present. The credential's members are sensitive: their values never appear in a message.
 */
export function readXksMembers(reader: InputReader): string[] {
  reader.string("XksProxyUriEndpoint", XKS_PROXY_URI_ENDPOINT);
  reader.string("XksProxyUriPath", XKS_PROXY_URI_PATH);
  reader.string("XksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME);
  reader.string("XksProxyVpcEndpointServiceOwner", ACCOUNT_ID);
  reader.string("XksProxyConnectivity", { enum: XKS_PROXY_CONNECTIVITY });
  const credential = reader.raw("XksProxyAuthenticationCredential");
  if (credential !== undefined) {
    if (typeof credential !== "object" || credential === null || Array.isArray(credential)) {
      throw new KmsError("SerializationException", "Member 'XksProxyAuthenticationCredential' must be a structure.");
    }
    const { AccessKeyId, RawSecretAccessKey } = credential as Record<string, unknown>;
    for (const [name, value, rule] of [
      ["accessKeyId", AccessKeyId, XKS_PROXY_ACCESS_KEY_ID],
      ["rawSecretAccessKey", RawSecretAccessKey, XKS_PROXY_RAW_SECRET_ACCESS_KEY],
    ] as const) {
      const path = `xksProxyAuthenticationCredential.${name}`;
      if (value === undefined || value === null) reader.violation(path, null, "Member must not be null");
      else if (typeof value !== "string") throw new KmsError("SerializationException", `Member '${path}' must be a string.`);
      else reader.checkString(path, value, rule);
    }
  }
  return XKS_MEMBERS.filter((m) => reader.raw(m) !== undefined);
}

/** External key stores come with their own issue; until then the local service refuses them clearly. */
export function externalKeyStoresUnsupported(): KmsError {
  // UnsupportedOperationException is KMS's modelled error for "a specified parameter is not supported
  // … for this operation". None of CreateCustomKeyStore's own errors means that: the Xks* errors would
  // send the caller to fix a proxy that was never the problem, and KMSInternalException is a retryable
  // server fault the SDKs would retry in vain.
  return new KmsError(
    "UnsupportedOperationException",
    "This KMS endpoint does not support custom key stores of type EXTERNAL_KEY_STORE yet. Use AWS_CLOUDHSM.",
  );
}
