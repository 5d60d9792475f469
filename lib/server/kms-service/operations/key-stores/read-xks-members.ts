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
import { isAcceptedUriEndpoint } from "@/lib/server/kms-service/key-stores/xks-proxy-of-store.ts";

/**
 * Validates the external-key-store members of CreateCustomKeyStore / UpdateCustomKeyStore against the
 * model (so a malformed request is a ValidationException whatever the store type) and returns the names
 * of those present. The credential's members are sensitive: their values never appear in a message.
 */
export function readXksMembers(reader: InputReader): { present: string[]; values: XksMemberValues } {
  // The model's pattern, with the local backend's one departure (https://localhost:PORT, https://127.0.0.1:PORT).
  const uriEndpoint = reader.string("XksProxyUriEndpoint", { min: XKS_PROXY_URI_ENDPOINT.min, max: XKS_PROXY_URI_ENDPOINT.max });
  if (uriEndpoint !== undefined && !isAcceptedUriEndpoint(uriEndpoint)) {
    reader.violation(
      "xksProxyUriEndpoint",
      uriEndpoint,
      `Member must satisfy regular expression pattern: ${XKS_PROXY_URI_ENDPOINT.pattern}`,
    );
  }
  const values: XksMemberValues = {
    uriEndpoint,
    uriPath: reader.string("XksProxyUriPath", XKS_PROXY_URI_PATH),
    vpcEndpointServiceName: reader.string("XksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME),
    vpcEndpointServiceOwner: reader.string("XksProxyVpcEndpointServiceOwner", ACCOUNT_ID),
    connectivity: reader.string("XksProxyConnectivity", { enum: XKS_PROXY_CONNECTIVITY }),
  };
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
    if (typeof AccessKeyId === "string" && typeof RawSecretAccessKey === "string") {
      values.credential = { accessKeyId: AccessKeyId, secretAccessKey: RawSecretAccessKey };
    }
  }
  return { present: XKS_MEMBERS.filter((m) => reader.raw(m) !== undefined), values };
}

export type XksMemberValues = {
  uriEndpoint?: string;
  uriPath?: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
  connectivity?: string;
  credential?: { accessKeyId: string; secretAccessKey: string };
};

/** A member name as violations name it (lower camel case). */
export function wireName(member: string): string {
  return `${member.charAt(0).toLowerCase()}${member.slice(1)}`;
}
