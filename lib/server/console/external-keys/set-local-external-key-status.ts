import "server-only";
import { callProxyAdmin, proxyNotRunning, readProxySettings, requireProxySettingsFile } from "./local-xks-proxy.ts";

type KeyInfo = { keyId: string; keySpec: string; keyUsage: string[]; keyStatus: "ENABLED" | "DISABLED" };

/**
 * Disables or enables one of the local proxy's keys. A disabled external key makes every cryptographic
 * operation of the KMS keys using it fail (KMSInvalidStateException) while those keys stay Enabled.
 */
export async function setLocalExternalKeyStatus(keyId: string, action: "enable" | "disable"): Promise<KeyInfo> {
  const settings = readProxySettings(requireProxySettingsFile());
  const key = await callProxyAdmin<KeyInfo>(settings.adminSocket, "POST", `/v1/keys/${encodeURIComponent(keyId)}/${action}`);
  if (!key) throw proxyNotRunning();
  return key;
}
