import "server-only";
import {
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  type Tag,
} from "@aws-sdk/client-kms";
import type { KeyDetailResponse } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { toKeySummary } from "./to-key-summary.ts";

export type GetKeyOptions = { caller: Caller; keyId: string };

/** One key: DescribeKey, its aliases, policy and tags, and its custom key store's connection state. */
export async function getKey({ caller, keyId }: GetKeyOptions): Promise<KeyDetailResponse> {
  const kms = await kmsForCaller(caller);
  const { KeyMetadata: m } = await callAws(() => kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  if (!m?.KeyId) throw new Error(`DescribeKey returned no metadata for ${keyId}`);
  const [aliases, policy, tags, store] = await Promise.all([
    callAws(() => kms.send(new ListAliasesCommand({ KeyId: m.KeyId, Limit: 100 }))),
    // A policy the caller may not read is shown as such rather than failing the whole page.
    kms.send(new GetKeyPolicyCommand({ KeyId: m.KeyId, PolicyName: "default" })).then(
      (r) => r.Policy ?? null,
      () => null,
    ),
    (async () => {
      const all: Tag[] = [];
      let marker: string | undefined;
      do {
        const page = await callAws(() => kms.send(new ListResourceTagsCommand({ KeyId: m.KeyId, Marker: marker, Limit: 50 })));
        all.push(...(page.Tags ?? []));
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
      return all;
    })(),
    m.CustomKeyStoreId
      ? callAws(() => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: m.CustomKeyStoreId }))).then(
          (r) => r.CustomKeyStores?.[0],
        )
      : Promise.resolve(undefined),
  ]);
  const names = new Map(store ? [[store.CustomKeyStoreId!, store.CustomKeyStoreName ?? ""]] : []);
  return {
    key: {
      ...toKeySummary(m, aliases.Aliases ?? [], names),
      enabled: m.Enabled ?? false,
      encryptionAlgorithms: m.EncryptionAlgorithms ?? [],
      multiRegion: m.MultiRegion ?? false,
      xksKeyId: m.XksKeyConfiguration?.Id || undefined,
    },
    customKeyStore: store
      ? {
          customKeyStoreId: store.CustomKeyStoreId!,
          customKeyStoreName: store.CustomKeyStoreName ?? "",
          customKeyStoreType: store.CustomKeyStoreType ?? "AWS_CLOUDHSM",
          connectionState: store.ConnectionState ?? "DISCONNECTED",
          connectionErrorCode: store.ConnectionErrorCode || undefined,
          creationDate: new Date(store.CreationDate ?? 0).toISOString(),
          cloudHsmClusterId: store.CloudHsmClusterId || undefined,
        }
      : null,
    policy,
    tags: tags.map((t) => ({ tagKey: t.TagKey ?? "", tagValue: t.TagValue ?? "" })),
  };
}
