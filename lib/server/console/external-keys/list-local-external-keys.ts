import "server-only";
import type { LocalExternalKey, LocalExternalKeysResponse } from "@/lib/schemas/external-keys.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeAllKeyStores } from "@/lib/server/console/key-stores/describe-all-key-stores.ts";
import { readKeyCacheFreshness } from "@/lib/server/console/key-cache/key-cache-freshness.ts";
import { summaryFromRow } from "@/lib/server/console/key-cache/key-cache-row.ts";
import { refreshKeyCache } from "@/lib/server/console/key-cache/refresh-key-cache.ts";
import { shownKeyState, unavailableStoreIds } from "@/lib/server/console/key-cache/store-dependent-state.ts";
import { db } from "@/lib/server/platform/db.ts";
import { callProxyAdmin, readProxySettings, requireProxySettingsFile, START_PROXY_COMMAND } from "./local-xks-proxy.ts";

type AdminKey = Omit<LocalExternalKey, "kmsKeys">;

/** The proxy's URI path under a prefix, as an external key store names it (XksProxyUriPath). */
const uriPathOf = (prefix: string) => `${prefix}/kms/xks/v1`;

/**
 * The local proxy's keys (its management API) and, for each, the KMS keys that use it: keys in an
 * external key store whose XksProxyUriPath is one of the prefixes serving it and whose XksKeyId is its id,
 * read from the console's key cache (its xksKeyId column).
 */
export async function listLocalExternalKeys({ caller }: { caller: Caller }): Promise<LocalExternalKeysResponse> {
  const settingsFile = requireProxySettingsFile();
  const settings = readProxySettings(settingsFile);
  const base = { startCommand: START_PROXY_COMMAND, settingsFile, prefixes: settings.stores.map((s) => s.prefix) };
  const listed = await callProxyAdmin<{ keys: AdminKey[] }>(settings.adminSocket, "GET", "/v1/keys");
  if (!listed) return { ...base, running: false, keys: [] };

  const kms = await kmsForCaller(caller);
  if (!(await readKeyCacheFreshness()).refreshedAt) await refreshKeyCache({ kms }); // before the poller's first pass
  const stores = await describeAllKeyStores(kms);
  const xksStores = new Map(stores.filter((s) => s.CustomKeyStoreType === "EXTERNAL_KEY_STORE").map((s) => [s.CustomKeyStoreId!, s]));
  // From the console's key cache (which the poller and the console's own writes keep fresh), not one
  // DescribeKey per KMS key on every page load.
  const [rows, unavailable] = await Promise.all([
    db().keySummaryCache.findMany({
      where: { xksKeyId: { in: listed.keys.map((k) => k.keyId) }, customKeyStoreId: { in: [...xksStores.keys()] } },
      orderBy: { keyId: "asc" },
    }),
    unavailableStoreIds(),
  ]);
  const unavailableSet = new Set(unavailable);
  const keys = listed.keys.map((k): LocalExternalKey => {
    const paths = new Set(k.prefixes.map(uriPathOf));
    return {
      ...k,
      kmsKeys: rows
        .filter((r) => r.xksKeyId === k.keyId && paths.has(xksStores.get(r.customKeyStoreId!)?.XksProxyConfiguration?.UriPath ?? ""))
        .map((r) => {
          const summary = summaryFromRow(r);
          return {
            keyId: r.keyId,
            alias: summary.aliases[0],
            keyState: shownKeyState(r.keyState, r.customKeyStoreId, unavailableSet),
            customKeyStoreId: r.customKeyStoreId!,
            customKeyStoreName: xksStores.get(r.customKeyStoreId!)?.CustomKeyStoreName,
          };
        }),
    };
  });
  return { ...base, running: true, keys: keys.sort((a, b) => a.keyId.localeCompare(b.keyId)) };
}
