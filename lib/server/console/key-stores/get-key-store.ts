import "server-only";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import type { KeyStoreDetailResponse } from "@/lib/schemas/key-stores.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { ZKeyListQuery } from "@/lib/schemas/key-list.ts";
import { toClusterSummary } from "@/lib/server/console/clusters/to-cluster-summary.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { listCachedKeys } from "@/lib/server/console/key-cache/list-cached-keys.ts";
import { readBackendStatus, readCachedKeyStores, readStatusHistory } from "@/lib/server/console/status/read-status-cache.ts";
import { refreshStatusForCaller } from "@/lib/server/console/status/refresh-for-caller.ts";

const notFound = (id: string) =>
  new AppError({ code: "CustomKeyStoreNotFoundException", safeMessage: `There is no custom key store ${id} in this account and Region.` });

/**
 * Whether KMS knows a store the cache does not: one DescribeCustomKeyStores for that id, so an unknown
 * id is answered at once instead of after a refresh of every store, cluster and proxy. A backend that
 * does not answer counts as "maybe": the refresh then decides, as before.
 */
async function existsInBackend(caller: Caller, customKeyStoreId: string): Promise<boolean> {
  try {
    const kms = await kmsForCaller(caller);
    const described = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: customKeyStoreId }));
    return (described.CustomKeyStores?.length ?? 0) > 0;
  } catch (e) {
    const name = (e as { name?: string }).name;
    return !(name === "CustomKeyStoreNotFoundException" || name === "ValidationException");
  }
}

export type GetKeyStoreOptions = { caller: Caller; customKeyStoreId: string };

/**
 * One key store and its cluster's HSM inventory from the status cache, its connection history, and
 * the first page of its KMS keys from the key cache (console/key-cache/).
 */
export async function getKeyStore({ caller, customKeyStoreId }: GetKeyStoreOptions): Promise<KeyStoreDetailResponse> {
  let [cached] = await readCachedKeyStores(customKeyStoreId);
  if (!cached && (await existsInBackend(caller, customKeyStoreId))) {
    // Not seen by the poller yet (created elsewhere a moment ago): refresh once, with the caller's clients.
    await refreshStatusForCaller(caller).catch(() => undefined);
    [cached] = await readCachedKeyStores(customKeyStoreId);
  }
  if (!cached) throw notFound(customKeyStoreId);
  const { summary, cluster } = cached;
  const [keys, backend, history] = await Promise.all([
    // The first page of the store's keys from the key cache; the page's key list pages through GET /api/keys?store=.
    listCachedKeys(ZKeyListQuery.parse({ store: customKeyStoreId })).catch(() => null),
    readBackendStatus(),
    readStatusHistory(customKeyStoreId, summary.cloudHsmClusterId),
  ]);
  return {
    keyStore: keys ? { ...summary, keyCount: keys.total } : summary,
    cluster: cluster ? toClusterSummary(cluster, { customKeyStoreId, customKeyStoreName: summary.customKeyStoreName }) : null,
    keys: keys?.keys ?? [],
    keysAvailable: keys !== null,
    backend,
    history,
  };
}
