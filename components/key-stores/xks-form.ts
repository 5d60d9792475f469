import { XKS_URI_PATH_SUFFIX, ZXksProxyConfigurationFile } from "@/lib/schemas/key-stores.ts";

// The XKS wizard's and edit dialog's form: what the user types (a path prefix, not the full path),
// and how it becomes the request the API schema validates.

export type XksConnectivity = "PUBLIC_ENDPOINT" | "VPC_ENDPOINT_SERVICE";

export type XksForm = {
  customKeyStoreName: string;
  xksProxyConnectivity: XksConnectivity;
  xksProxyUriEndpoint: string;
  /** Optional; the console supplies /kms/xks/v1 after it. */
  pathPrefix: string;
  xksProxyVpcEndpointServiceName: string;
  xksProxyAccessKeyId: string;
  xksProxySecretAccessKey: string;
};

export const EMPTY_XKS_FORM: XksForm = {
  customKeyStoreName: "",
  xksProxyConnectivity: "PUBLIC_ENDPOINT",
  xksProxyUriEndpoint: "",
  pathPrefix: "",
  xksProxyVpcEndpointServiceName: "",
  xksProxyAccessKeyId: "",
  xksProxySecretAccessKey: "",
};

/** "/example-prefix/" → "/example-prefix/kms/xks/v1"; "" → "/kms/xks/v1". */
export const uriPathOf = (prefix: string) => {
  const p = prefix.trim().replace(/\/+$/, "");
  return `${p && !p.startsWith("/") ? `/${p}` : p}${XKS_URI_PATH_SUFFIX}`;
};

/** The prefix of a full path (from a configuration file or a stored store), or undefined if it does not end in /kms/xks/v1. */
export const prefixOfPath = (path: string): string | undefined =>
  path.endsWith(XKS_URI_PATH_SUFFIX) ? path.slice(0, -XKS_URI_PATH_SUFFIX.length) : undefined;

/** The request the API takes (validated by the caller with the API's schema). */
export function xksRequestOf(f: XksForm) {
  return {
    customKeyStoreName: f.customKeyStoreName,
    xksProxyConnectivity: f.xksProxyConnectivity,
    xksProxyUriEndpoint: f.xksProxyUriEndpoint,
    xksProxyUriPath: uriPathOf(f.pathPrefix),
    xksProxyVpcEndpointServiceName:
      f.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE" ? f.xksProxyVpcEndpointServiceName.trim() || undefined : undefined,
    xksProxyAccessKeyId: f.xksProxyAccessKeyId,
    xksProxySecretAccessKey: f.xksProxySecretAccessKey,
  };
}

/**
 * A proxy configuration file (the JSON a proxy generates for the KMS console): its path and
 * credential, or an error to show. The file stays in the browser; nothing of it is logged.
 */
export function readProxyConfigurationFile(
  text: string,
): { pathPrefix: string; accessKeyId: string; secretAccessKey: string } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: "This file is not JSON. Choose the proxy configuration file your XKS proxy generated." };
  }
  const parsed = ZXksProxyConfigurationFile.safeParse(json);
  if (!parsed.success) {
    return { error: "This JSON has no XksProxyUriPath and XksProxyAuthenticationCredential { AccessKeyId, RawSecretAccessKey }." };
  }
  const prefix = prefixOfPath(parsed.data.XksProxyUriPath);
  if (prefix === undefined) return { error: `The file's XksProxyUriPath must end in ${XKS_URI_PATH_SUFFIX}.` };
  const c = parsed.data.XksProxyAuthenticationCredential;
  return { pathPrefix: prefix, accessKeyId: c.AccessKeyId, secretAccessKey: c.RawSecretAccessKey };
}
