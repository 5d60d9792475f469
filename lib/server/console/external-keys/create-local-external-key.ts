import "server-only";
import fs from "node:fs";
import type { CreateLocalExternalKeyRequest } from "@/lib/schemas/external-keys.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { allowKeyOnPrefixes } from "./allow-key-on-prefixes.ts";
import { callProxyAdmin, proxyNotRunning, readProxySettings, requireProxySettingsFile } from "./local-xks-proxy.ts";

type CreatedKey = { keyId: string; keySpec: string; keyUsage: string[]; keyStatus: "ENABLED" | "DISABLED" };

/**
 * A new AES-256 key in the local proxy's token (the running proxy creates it: only the process that
 * owns the token may), then named in the chosen prefixes' xks_key_id_set and the settings reloaded, so
 * KMS can use it through an external key store on one of those prefixes at once.
 */
export async function createLocalExternalKey(request: CreateLocalExternalKeyRequest): Promise<CreatedKey> {
  const file = requireProxySettingsFile();
  const settings = readProxySettings(file);
  const unknown = request.prefixes.filter((p) => !settings.stores.some((s) => s.prefix === p));
  if (unknown.length > 0) {
    const message = `The proxy has no URI path prefix ${unknown.map((p) => `"${p}"`).join(", ")}.`;
    throw new AppError({ code: "ValidationException", safeMessage: message, fields: { prefixes: message } });
  }
  let created: CreatedKey | undefined;
  try {
    created = await callProxyAdmin<CreatedKey>(settings.adminSocket, "POST", "/v1/keys", { keyId: request.keyId, usage: request.usage });
  } catch (e) {
    // The proxy's own words for a taken id, as a field error.
    if (e instanceof AppError && /exists/i.test(e.safeMessage)) {
      throw new AppError({ code: "AlreadyExistsException", safeMessage: e.safeMessage, fields: { keyId: e.safeMessage }, cause: e });
    }
    throw e;
  }
  if (!created) throw proxyNotRunning();
  if (request.prefixes.length > 0) {
    fs.writeFileSync(file, allowKeyOnPrefixes(fs.readFileSync(file, "utf8"), request.keyId, request.prefixes), { mode: 0o600 });
    await callProxyAdmin(settings.adminSocket, "POST", "/v1/reload");
  }
  return created;
}
