import "server-only";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { isXksFailure, type XksFailure } from "./xks-failure.ts";

// How KMS turns a failed proxy call into its own answer (spec/xks-proxy.md §3 "How KMS maps proxy
// errors", §2.2 of kms-api.md for the connection error codes). One table per kind of caller:
// a connect (ConnectionErrorCode), CreateCustomKeyStore / UpdateCustomKeyStore (the XksProxy*
// exceptions), CreateKey (Xks*Key* exceptions), and the cryptographic operations (KMSInvalidStateException).

const TRANSPORT_DOWN = new Set(["DependencyTimeoutException", "ThrottlingException"]);

/** The ConnectionErrorCode a failed health check leaves on a FAILED store. */
export function connectionErrorCodeOfXks(f: XksFailure): ConnectionErrorCode {
  switch (f.kind) {
    case "unreachable":
    case "ekm-unavailable":
      return "XKS_PROXY_NOT_REACHABLE";
    case "timeout":
      return "XKS_PROXY_TIMED_OUT";
    case "tls":
      return "XKS_PROXY_INVALID_TLS_CONFIGURATION";
    case "network":
      return "NETWORK_ERRORS";
    case "invalid-response":
      return "XKS_PROXY_INVALID_RESPONSE";
    case "proxy-error":
      if (f.errorName === "AuthenticationFailedException") return "INVALID_CREDENTIALS";
      if (f.errorName === "AccessDeniedException") return "XKS_PROXY_ACCESS_DENIED";
      if (f.errorName === "InvalidUriPathException") return "XKS_PROXY_INVALID_CONFIGURATION";
      if (TRANSPORT_DOWN.has(f.errorName ?? "")) return "XKS_PROXY_NOT_REACHABLE";
      return "XKS_PROXY_INVALID_RESPONSE";
  }
}

/** CreateCustomKeyStore / UpdateCustomKeyStore: the modelled XksProxy* exception for a failed health check. */
export function keyStoreExceptionOfXks(f: XksFailure, uri: string): KmsError {
  switch (connectionErrorCodeOfXks(f)) {
    case "INVALID_CREDENTIALS":
      return new KmsError(
        "XksProxyIncorrectAuthenticationCredentialException",
        `The external key store proxy at ${uri} rejected the proxy authentication credential (XksProxyAuthenticationCredential). Check the access key ID and secret access key configured on the proxy.`,
      );
    case "XKS_PROXY_INVALID_CONFIGURATION":
    case "XKS_PROXY_ACCESS_DENIED":
      return new KmsError(
        "XksProxyInvalidConfigurationException",
        `The external key store proxy at ${uri} is not configured correctly: it does not serve the XksProxyUriPath, or it refused KMS. Check the URI path and the proxy's authorization rules.`,
      );
    case "XKS_PROXY_INVALID_RESPONSE":
      return new KmsError(
        "XksProxyInvalidResponseException",
        `KMS cannot interpret the response it received from the external key store proxy at ${uri}.`,
      );
    case "XKS_PROXY_TIMED_OUT":
      return new KmsError(
        "XksProxyUriUnreachableException",
        `KMS was unable to reach ${uri}: the external key store proxy did not respond in the time allotted.`,
      );
    case "XKS_PROXY_INVALID_TLS_CONFIGURATION":
      return new KmsError(
        "XksProxyUriUnreachableException",
        `KMS was unable to reach ${uri}: the TLS handshake failed. The proxy's certificate must be valid, name the XksProxyUriEndpoint host and chain to a trusted CA.`,
      );
    default:
      return new KmsError(
        "XksProxyUriUnreachableException",
        `KMS was unable to reach ${uri}. Verify the XksProxyUriEndpoint and XksProxyUriPath, and that the proxy and its external key manager are running.`,
      );
  }
}

/** CreateKey (GetKeyMetadata): proxy errors as the spec's table says; anything else is the store's state. */
export function createKeyExceptionOfXks(f: XksFailure, storeId: string, xksKeyId: string): KmsError {
  if (f.kind === "proxy-error") {
    switch (f.errorName) {
      case "KeyNotFoundException":
        return new KmsError("XksKeyNotFoundException", `The external key store proxy could not find the external key ${xksKeyId}.`);
      case "InvalidStateException":
      case "InvalidKeyUsageException":
        return new KmsError(
          "XksKeyInvalidConfigurationException",
          `The external key ${xksKeyId} does not meet the requirements of an external key store: it must be an enabled AES_256 key that can encrypt and decrypt.`,
        );
      case "AccessDeniedException":
        return new KmsError("KMSInvalidStateException", `The external key store proxy denied KMS access to the external key ${xksKeyId}.`);
    }
  }
  return new KmsError(
    "CustomKeyStoreInvalidStateException",
    `KMS cannot use the external key store proxy of custom key store ${storeId} (${connectionErrorCodeOfXks(f)}). Check the proxy and the store's connection.`,
  );
}

/** Encrypt, Decrypt, ReEncrypt, GenerateDataKey*: every proxy failure is KMSInvalidStateException. */
export function cryptoExceptionOfXks(f: XksFailure, keyArn: string): KmsError {
  if (f.kind === "proxy-error") {
    switch (f.errorName) {
      case "InvalidStateException":
        return new KmsError(
          "KMSInvalidStateException",
          `The external key of ${keyArn} is disabled or its external key manager is not available (the external key store proxy answered InvalidStateException).`,
        );
      case "InvalidCiphertextException":
        return new KmsError(
          "KMSInvalidStateException",
          `The external key store proxy could not decrypt the ciphertext for ${keyArn}: it, or its authenticated data, is corrupted or was not made by this key.`,
        );
      case "KeyNotFoundException":
        return new KmsError("KMSInvalidStateException", `The external key store proxy cannot find the external key of ${keyArn}.`);
      case "AuthenticationFailedException":
        return new KmsError(
          "KMSInvalidStateException",
          `The external key store proxy rejected KMS's credential for ${keyArn}; update the store's XksProxyAuthenticationCredential.`,
        );
    }
  }
  const why =
    f.kind === "timeout"
      ? "did not respond in the time allotted"
      : f.kind === "unreachable" || f.kind === "network" || f.kind === "tls"
        ? "is not reachable"
        : f.kind === "proxy-error"
          ? `answered ${f.errorName}`
          : "sent a response KMS cannot interpret";
  return new KmsError("KMSInvalidStateException", `KMS cannot use the external key of ${keyArn}: the external key store proxy ${why}.`);
}

export { isXksFailure };
