// The key cache's behaviour against the real local service (the console's in-process SDK clients,
// signed and audited by the wire), on whichever database DATABASE_URL names: key-cache.test.ts runs it
// on SQLite, key-cache.pg.test.ts on PostgreSQL (both in lib/server/console/key-cache/).
import { beforeAll, describe, expect, it } from "vitest";
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand, type KMSClient } from "@aws-sdk/client-kms";
import { ZKeyListQuery } from "@/lib/schemas/key-list.ts";
import { cloudHsmForCaller, kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { changeKeyState } from "@/lib/server/console/keys/change-key-state.ts";
import { createAlias } from "@/lib/server/console/keys/create-alias.ts";
import { updateKeyDescription } from "@/lib/server/console/keys/update-key-description.ts";
import { deleteDueKeys } from "@/lib/server/kms-service/keys/delete-due-keys.ts";
import { refreshStatusCache } from "@/lib/server/console/status/refresh-status-cache.ts";
import { connectTestKeyStore, createTestKeyStore, disconnectTestKeyStore } from "@/test/local-kms-real-service.ts";
import { callerWith } from "@/test/console-caller.ts";
import { listCachedKeys } from "@/lib/server/console/key-cache/list-cached-keys.ts";
import { refreshKeyCache } from "@/lib/server/console/key-cache/refresh-key-cache.ts";

const list = (q: Record<string, unknown> = {}) => listCachedKeys(ZKeyListQuery.parse(q));
const cachedKey = async (keyId: string) => (await list({ q: keyId })).keys.find((k) => k.keyId === keyId);

export function keyCacheSuite(): void {
  let admin: Caller;
  let kms: KMSClient;
  beforeAll(async () => {
    admin = await callerWith("cache-admin", "admin");
    kms = await kmsForCaller(admin);
  });

  describe("the console's key cache", () => {
    it("shows a key created over the wire after one refresh, with its alias, and finds it by alias, id and description", async () => {
      const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({ Description: "Orders Ledger" }));
      await kms.send(new CreateAliasCommand({ AliasName: "alias/cache-orders", TargetKeyId: m!.KeyId }));
      expect(await cachedKey(m!.KeyId!)).toBeUndefined();

      const result = await refreshKeyCache({ kms });
      expect(result.described).toBeGreaterThanOrEqual(1);
      expect(await cachedKey(m!.KeyId!)).toMatchObject({
        aliases: ["alias/cache-orders"],
        keyState: "Enabled",
        description: "Orders Ledger",
      });
      for (const q of ["CACHE-ORDERS", m!.KeyId!.slice(0, 8), "ledger"]) {
        expect((await list({ q })).keys.map((k) => k.keyId)).toEqual([m!.KeyId]);
      }
      expect((await list()).refreshedAt).not.toBeNull();
    });

    it("follows an alias and a state changed over the wire on later refreshes", async () => {
      const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({}));
      await refreshKeyCache({ kms });
      await kms.send(new CreateAliasCommand({ AliasName: "alias/cache-late", TargetKeyId: m!.KeyId }));
      await kms.send(new DisableKeyCommand({ KeyId: m!.KeyId }));
      // Aliases come from ListAliases on every pass; the state from DescribeKey of the keys the service
      // changed since the cache described them (KmsKey.updatedAt), on the very next pass.
      const pass = await refreshKeyCache({ kms, redescribeBudget: 0 });
      expect(pass).toMatchObject({ changed: 1, described: 1 });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ aliases: ["alias/cache-late"], keyState: "Disabled" });
      expect(await refreshKeyCache({ kms, redescribeBudget: 0 })).toMatchObject({ changed: 0, described: 0 });
    });

    it("drops a key once it is deleted", async () => {
      const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({}));
      await refreshKeyCache({ kms });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: m!.KeyId, PendingWindowInDays: 7 }));
      await refreshKeyCache({ kms, staleAfterMs: 0 });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "PendingDeletion" });

      await deleteDueKeys({ now: new Date(Date.now() + 8 * 86_400_000) });
      const result = await refreshKeyCache({ kms });
      expect(result.removed).toBe(1);
      expect(await cachedKey(m!.KeyId!)).toBeUndefined();
    });

    it("shows the console's own writes at once, without a refresh", async () => {
      const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({}));
      await refreshKeyCache({ kms });
      await changeKeyState({ caller: admin, keyId: m!.KeyId!, change: { action: "disable" } });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "Disabled" });
      await createAlias({ caller: admin, keyId: m!.KeyId!, aliasName: "cache-at-once" });
      await updateKeyDescription({ caller: admin, keyId: m!.KeyId!, description: "Written by the console" });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ aliases: ["alias/cache-at-once"], description: "Written by the console" });
      await changeKeyState({ caller: admin, keyId: m!.KeyId!, change: { action: "schedule-deletion", pendingWindowInDays: 7 } });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "PendingDeletion", deletionDate: expect.any(String) });
    });

    it("shows a store's keys Unavailable while it is disconnected and their own state again once it reconnects", async () => {
      const store = await createTestKeyStore();
      const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId }));
      // The store states come from the status cache, which the same poller fills.
      const cloudHsm = await cloudHsmForCaller(admin);
      const poll = async () => (await refreshStatusCache({ kms, cloudHsm }), await refreshKeyCache({ kms }));
      await poll();
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "Enabled", customKeyStoreId: store.storeId });

      await disconnectTestKeyStore(store.storeId);
      await refreshStatusCache({ kms, cloudHsm }); // the key's row is not described again: the store says it
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "Unavailable" });
      expect((await list({ store: store.storeId, state: "Unavailable" })).total).toBe(1);
      expect((await list({ store: store.storeId, state: "Enabled" })).total).toBe(0);
      await refreshKeyCache({ kms, staleAfterMs: 0 }); // described while Unavailable: its own state is kept

      await connectTestKeyStore(store.storeId);
      await refreshStatusCache({ kms, cloudHsm });
      expect(await cachedKey(m!.KeyId!)).toMatchObject({ keyState: "Enabled" });
      expect((await list({ store: store.storeId, state: "Enabled" })).total).toBe(1);
    });

    it("describes at most its budget per refresh, new keys first, and pages, sorts and filters in SQL", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await kms.send(new CreateKeyCommand({ Description: `budget ${i}` }))).KeyMetadata!.KeyId!);
      const first = await refreshKeyCache({ kms, describeBudget: 3, redescribeBudget: 0 });
      expect(first.described).toBe(3);
      const second = await refreshKeyCache({ kms, describeBudget: 3, redescribeBudget: 0 });
      expect(second.described).toBe(2);
      expect((await refreshKeyCache({ kms, staleAfterMs: 0, redescribeBudget: 4 })).described).toBe(4);
      for (const id of ids) expect(await cachedKey(id)).toBeDefined();

      const all = await list({ size: 10 });
      const page2 = await list({ size: 10, page: 2 });
      expect(all.total).toBe(9); // this suite's keys, less the deleted one
      expect(all.keys).toHaveLength(9);
      expect(page2.page).toBe(1);
      const [p1, p2] = [await list({ size: 10, sort: "id", dir: "asc" }), await list({ size: 25, sort: "id", dir: "desc" })];
      expect(p2.keys.map((k) => k.keyId)).toEqual(p1.keys.map((k) => k.keyId).reverse());
      const byAlias = (await list({ sort: "alias", dir: "asc", size: 50 })).keys.map((k) => k.aliases[0] ?? "~");
      expect(byAlias).toEqual([...byAlias].sort());
      const disabled = await list({ state: "Disabled", size: 50 });
      expect(disabled.keys.every((k) => k.keyState === "Disabled")).toBe(true);
      expect(disabled.total).toBe(disabled.keys.length);
      expect((await list({ q: "budget", size: 50 })).total).toBe(5);
      expect((await list({ q: "budget", size: 10, page: 99 })).page).toBe(1); // past the end: the last page
      expect((await list({ q: "budget" })).keys.map((k) => k.keyId).sort()).toEqual([...ids].sort());
    });
  });
}
