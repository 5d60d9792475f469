import "server-only";
import type { LocalExternalKey, LocalExternalKeysResponse } from "@/lib/schemas/external-keys.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeAllKeyStores } from "@/lib/server/console/key-stores/describe-all-key-stores.ts";
import { listAllAliases } from "@/lib/server/console/key-cache/list-all-aliases.ts";
import { describeKeys } from "@/lib/server/console/keys/describe-keys.ts";
import { listAllKeyIds } from "@/lib/server/console/keys/list-all-key-ids.ts";
import { callProxyAdmin, readProxySettings, requireProxySettingsFile, START_PROXY_COMMAND } from "./local-xks-proxy.ts";

type AdminKey = Omit<LocalExternalKey, "kmsKeys">;

/** The proxy's URI path under a prefix, as an external key store names it (XksProxyUriPath). */
const uriPathOf = (prefix: string) => `${prefix}/kms/xks/v1`;

/**
 * The local proxy's keys (its management API) and, for each, the KMS keys that use it: keys in an
 * external key store whose XksProxyUriPath is one of the prefixes serving it and whose XksKeyId is its id.
 */
export async function listLocalExternalKeys({ caller }: { caller: Caller }): Promise<LocalExternalKeysResponse> {
  const settingsFile = requireProxySettingsFile();
  const settings = readProxySettings(settingsFile);
  const base = { startCommand: START_PROXY_COMMAND, settingsFile, prefixes: settings.stores.map((s) => s.prefix) };
  const listed = await callProxyAdmin<{ keys: AdminKey[] }>(settings.adminSocket, "GET", "/v1/keys");
  if (!listed) return { ...base, running: false, keys: [] };

  const kms = await kmsForCaller(caller);
  const [stores, ids, aliases] = await Promise.all([describeAllKeyStores(kms), listAllKeyIds(kms), listAllAliases(kms)]);
  const xksStores = new Map(stores.filter((s) => s.CustomKeyStoreType === "EXTERNAL_KEY_STORE").map((s) => [s.CustomKeyStoreId!, s]));
  const metadata = (await describeKeys(kms, ids, { skipDenied: true })).filter(
    (m) => m.XksKeyConfiguration?.Id && m.CustomKeyStoreId && xksStores.has(m.CustomKeyStoreId),
  );
  const keys = listed.keys.map((k): LocalExternalKey => {
    const paths = new Set(k.prefixes.map(uriPathOf));
    return {
      ...k,
      kmsKeys: metadata
        .filter(
          (m) =>
            m.XksKeyConfiguration!.Id === k.keyId && paths.has(xksStores.get(m.CustomKeyStoreId!)?.XksProxyConfiguration?.UriPath ?? ""),
        )
        .map((m) => ({
          keyId: m.KeyId!,
          alias: aliases.find((a) => a.TargetKeyId === m.KeyId)?.AliasName,
          keyState: m.KeyState ?? "Unavailable",
          customKeyStoreId: m.CustomKeyStoreId!,
          customKeyStoreName: xksStores.get(m.CustomKeyStoreId!)?.CustomKeyStoreName,
        })),
    };
  });
  return { ...base, running: true, keys: keys.sort((a, b) => a.keyId.localeCompare(b.keyId)) };
}
