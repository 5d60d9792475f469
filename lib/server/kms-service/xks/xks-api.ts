import "server-only";
import crypto from "node:crypto";
import { callXksProxy, type XksProxyTarget } from "./xks-proxy-client.ts";
import { XksFailure } from "./xks-failure.ts";

// The four XKS Proxy API calls with the request metadata KMS sends (spec/xks-proxy.md §1.2–1.5, §10)
// and the checks KMS makes on each answer: a field missing, of the wrong type or out of the spec's
// range is an invalid response, never passed on.

/** requestMetadata of GetHealthStatus: kmsRequestId and kmsOperation only. */
export type HealthMetadata = { kmsRequestId: string; kmsOperation: string };

/** requestMetadata of GetKeyMetadata (spec v1.0.3: no kmsKeyArn, no kmsViaService). */
export type KeyMetadataRequestMetadata = { awsPrincipalArn: string; kmsOperation: string; kmsRequestId: string };

/** requestMetadata of Encrypt and Decrypt. */
export type CryptoRequestMetadata = KeyMetadataRequestMetadata & { kmsKeyArn: string };

export type XksHealth = {
  xksProxyFleetSize: number;
  xksProxyVendor: string;
  xksProxyModel: string;
  ekmVendor: string;
  ekmFleetDetails: { id: string; model: string; healthStatus: "ACTIVE" | "DEGRADED" | "UNAVAILABLE" }[];
  latencyMs: number;
};

export type XksKeyMetadata = { keySpec: string; keyUsage: string[]; keyStatus: "ENABLED" | "DISABLED" };

export type XksSealed = { ciphertext: Buffer; iv: Buffer; tag: Buffer; ciphertextMetadata?: Buffer };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function invalid(what: string): XksFailure {
  return new XksFailure("invalid-response", what);
}

function str(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v !== "string") throw invalid(`${name} is not a string`);
  return v;
}

function b64(body: Record<string, unknown>, name: string, optional = false): Buffer | undefined {
  const v = body[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string" || !BASE64.test(v)) throw invalid(`${name} is not standard base64`);
  return Buffer.from(v, "base64");
}

export async function getHealthStatus(target: XksProxyTarget, requestMetadata: HealthMetadata): Promise<XksHealth> {
  const { body, latencyMs } = await callXksProxy(target, "health", { requestMetadata });
  const size = body.xksProxyFleetSize;
  if (!Number.isInteger(size) || (size as number) < 1) throw invalid("xksProxyFleetSize is not an integer > 0");
  const details = body.ekmFleetDetails;
  if (!Array.isArray(details) || details.length < 1 || details.length > 10) throw invalid("ekmFleetDetails must have 1 to 10 entries");
  const fleet = details.map((d: unknown): XksHealth["ekmFleetDetails"][number] => {
    if (typeof d !== "object" || d === null) throw invalid("an ekmFleetDetails entry is not an object");
    const entry = d as Record<string, unknown>;
    const healthStatus = entry.healthStatus;
    if (healthStatus !== "ACTIVE" && healthStatus !== "DEGRADED" && healthStatus !== "UNAVAILABLE") {
      throw invalid("ekmFleetDetails[].healthStatus is not ACTIVE, DEGRADED or UNAVAILABLE");
    }
    return { id: str(entry, "id"), model: str(entry, "model"), healthStatus };
  });
  const health: XksHealth = {
    xksProxyFleetSize: size as number,
    xksProxyVendor: str(body, "xksProxyVendor"),
    xksProxyModel: str(body, "xksProxyModel"),
    ekmVendor: str(body, "ekmVendor"),
    ekmFleetDetails: fleet,
    latencyMs,
  };
  // "also when the proxy reports all external key manager instances unavailable" (XKS_PROXY_NOT_REACHABLE).
  if (fleet.every((f) => f.healthStatus === "UNAVAILABLE"))
    throw new XksFailure("ekm-unavailable", "every external key manager is UNAVAILABLE");
  return health;
}

export async function getKeyMetadata(
  target: XksProxyTarget,
  keyId: string,
  requestMetadata: KeyMetadataRequestMetadata,
): Promise<XksKeyMetadata> {
  const { body } = await callXksProxy(target, { keyId, op: "metadata" }, { requestMetadata });
  const keyUsage = body.keyUsage;
  if (!Array.isArray(keyUsage) || keyUsage.length > 10 || !keyUsage.every((u) => typeof u === "string")) {
    throw invalid("keyUsage is not a list of at most 10 strings");
  }
  const keyStatus = body.keyStatus;
  if (keyStatus !== "ENABLED" && keyStatus !== "DISABLED") throw invalid("keyStatus is not ENABLED or DISABLED");
  return { keySpec: str(body, "keySpec"), keyUsage: keyUsage as string[], keyStatus };
}

export async function xksEncrypt(
  target: XksProxyTarget,
  keyId: string,
  o: { requestMetadata: CryptoRequestMetadata; plaintext: Buffer; aad: Buffer; integrityValue?: boolean },
): Promise<XksSealed> {
  const { body } = await callXksProxy(
    target,
    { keyId, op: "encrypt" },
    {
      requestMetadata: o.requestMetadata,
      plaintext: o.plaintext.toString("base64"),
      encryptionAlgorithm: "AES_GCM",
      additionalAuthenticatedData: o.aad.toString("base64"),
      ...(o.integrityValue ? { ciphertextDataIntegrityValueAlgorithm: "SHA_256" } : {}),
    },
  );
  const ciphertext = b64(body, "ciphertext")!;
  const iv = b64(body, "initializationVector")!;
  const tag = b64(body, "authenticationTag")!;
  const ciphertextMetadata = b64(body, "ciphertextMetadata", true);
  if (ciphertext.length !== o.plaintext.length) throw invalid("ciphertext is not as long as the plaintext");
  if (iv.length !== 12 && iv.length !== 16) throw invalid("initializationVector is not 12 or 16 bytes");
  if (tag.length !== 16) throw invalid("authenticationTag is not 16 bytes");
  if (ciphertextMetadata && ciphertextMetadata.length > 20) throw invalid("ciphertextMetadata is longer than 20 bytes");
  if (o.integrityValue) {
    // Spec Appendix C: base64(SHA-256(AAD || ciphertextMetadata || IV || ciphertext || tag)).
    const expected = crypto
      .createHash("sha256")
      .update(Buffer.concat([o.aad, ciphertextMetadata ?? Buffer.alloc(0), iv, ciphertext, tag]))
      .digest();
    const given = b64(body, "ciphertextDataIntegrityValue");
    if (!given || !given.equals(expected)) throw invalid("ciphertextDataIntegrityValue does not match");
  }
  return { ciphertext, iv, tag, ciphertextMetadata };
}

export async function xksDecrypt(
  target: XksProxyTarget,
  keyId: string,
  o: { requestMetadata: CryptoRequestMetadata; sealed: XksSealed; aad: Buffer },
): Promise<Buffer> {
  const { body } = await callXksProxy(
    target,
    { keyId, op: "decrypt" },
    {
      requestMetadata: o.requestMetadata,
      ciphertext: o.sealed.ciphertext.toString("base64"),
      ...(o.sealed.ciphertextMetadata ? { ciphertextMetadata: o.sealed.ciphertextMetadata.toString("base64") } : {}),
      encryptionAlgorithm: "AES_GCM",
      additionalAuthenticatedData: o.aad.toString("base64"),
      initializationVector: o.sealed.iv.toString("base64"),
      authenticationTag: o.sealed.tag.toString("base64"),
    },
  );
  const plaintext = b64(body, "plaintext")!;
  if (plaintext.length !== o.sealed.ciphertext.length) throw invalid("plaintext is not as long as the ciphertext");
  return plaintext;
}
