import type { StoreSettings, Settings } from "../config/settings.ts";
import { XksError } from "../errors.ts";
import type { KeyCatalog, KeyInfo } from "../keys/key-catalog.ts";
import type { LogFields } from "../log.ts";
import type { HealthCheck } from "./health-check.ts";
import type { JsonObject, RequestMetadata } from "./request-fields.ts";

/** What every operation gets: the running proxy's state and the one request. */
export type ProxyContext = {
  settings: () => Settings;
  catalog: KeyCatalog;
  token: string;
  health: HealthCheck;
  /** settings.server.ciphertext_metadata_b64, decoded. */
  ciphertextMetadata?: Buffer;
};

export type OperationRequest = { store: StoreSettings; keyId: string; body: JsonObject; fields: LogFields };

/** Records the request's metadata for the request log (never plaintext, AAD or key material). */
export function noteMetadata(fields: LogFields, m: RequestMetadata): void {
  fields.kmsRequestId = m.kmsRequestId;
  fields.kmsOperation = m.kmsOperation;
  fields.awsPrincipalArn = m.awsPrincipalArn;
  fields.kmsKeyArn = m.kmsKeyArn;
  fields.kmsViaService = m.kmsViaService;
}

/** The key for a crypto operation: on the prefix's allow-list, on the token, not disabled. */
export async function usableKey(ctx: ProxyContext, store: StoreSettings, keyId: string): Promise<KeyInfo> {
  const info = await allowedKey(ctx, store, keyId);
  if (info.keyStatus === "DISABLED") throw new XksError("InvalidStateException", "The external key is disabled.");
  if (info.keySpec !== "AES_256") throw new XksError("InvalidKeyUsageException", "The external key is not an AES-256 key.");
  return info;
}

/** The key if the prefix's allow-list names it and the token has it; else KeyNotFoundException. */
export async function allowedKey(ctx: ProxyContext, store: StoreSettings, keyId: string): Promise<KeyInfo> {
  if (!store.keyIds.has(keyId) || !ctx.catalog.has(keyId)) throw new XksError("KeyNotFoundException", "The external key was not found.");
  return ctx.catalog.info(keyId);
}

export function tooLarge(name: string, limit: number): XksError {
  return new XksError("UnsupportedOperationException", `${name} exceeds this proxy's maximum of ${limit} base64 characters.`);
}
