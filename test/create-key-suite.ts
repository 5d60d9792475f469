// CreateKey through the real local service (useLocalKms: signed over HTTP, real audit hook, real
// SoftHSM tokens) on whichever database DATABASE_URL names: create-key.test.ts runs it on SQLite,
// create-key.pg.test.ts on PostgreSQL (both in lib/server/kms-service/keys/). What it holds CreateKey
// to: the key's row, its material (on every HSM of a store's cluster) and its audit event are all there
// once the answer is; a key whose row cannot be written leaves no material and no row behind; a store
// disconnected a moment ago refuses the very next CreateKey (the store is read from a write-invalidated cache);
// the key quota (KEYHOLD_KMS_KEY_LIMIT, lowered by both files) counts keys written by anyone, though
// CreateKey remembers the count between keys.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand, DescribeKeyCommand, KMSServiceException } from "@aws-sdk/client-kms";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { listClusterKeyLabels } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { listKeyLabels } from "@/lib/server/hsm/keys.ts";
import { databaseProvider } from "@/lib/server/platform/database-url.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { cloudHsmKeyStores } from "./cloudhsm-key-stores.ts";
import { keyRowFields } from "./key-rows.ts";
import type { LocalKms } from "./local-kms-server.ts";

const FAILING_DESCRIPTION = "the database refuses this row";

/** A real failure of the row's INSERT (as a full disk or a lost connection would fail it): a trigger. */
async function refuseRowsDescribed(description: string): Promise<void> {
  if (databaseProvider() === "sqlite") {
    await db().$executeRawUnsafe(
      `CREATE TRIGGER refuse_kms_key BEFORE INSERT ON "KmsKey" WHEN NEW."description" = '${description}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
    );
    return;
  }
  await db().$executeRawUnsafe(
    `CREATE FUNCTION refuse_kms_key() RETURNS trigger AS $$ BEGIN IF NEW."description" = '${description}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await db().$executeRawUnsafe(`CREATE TRIGGER refuse_kms_key BEFORE INSERT ON "KmsKey" FOR EACH ROW EXECUTE FUNCTION refuse_kms_key()`);
}

async function auditEventOf(requestId: string) {
  return db().auditEvent.findFirst({ where: { requestId } });
}

async function clusterLabels(clusterId: string): Promise<string[][]> {
  return (await listClusterKeyLabels({ clusterId })).map((h) => h.labels ?? []);
}

async function failure(p: Promise<unknown>): Promise<KMSServiceException> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KMSServiceException) return e;
    throw e;
  }
  throw new Error("expected the request to fail");
}

export function createKeySuite(service: LocalKms): void {
  const stores = cloudHsmKeyStores(service);
  let store: { id: string; clusterId: string };

  beforeAll(async () => {
    const { id, cluster } = await stores.newStore("create-key-store");
    expect((await stores.connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    store = { id, clusterId: cluster.clusterId };
    await refuseRowsDescribed(FAILING_DESCRIPTION);
  });

  describe("CreateKey", () => {
    it("AWS_KMS: the row with its tags, the material in the default token and the audit event are there once it answers", async () => {
      const created = await service.kms.send(
        new CreateKeyCommand({ Description: "orders", Tags: [{ TagKey: "team", TagValue: "payments" }] }),
      );
      const m = created.KeyMetadata!;
      expect(m).toMatchObject({ Origin: "AWS_KMS", KeyState: "Enabled", Description: "orders", KeyManager: "CUSTOMER" });
      expect(m.CustomKeyStoreId).toBeUndefined();
      const row = await db().kmsKey.findUnique({ where: { id: m.KeyId! }, include: { tags: true } });
      expect(row).toMatchObject({ arn: m.Arn, origin: "AWS_KMS", cloudHsmClusterId: null, keyMaterialLabel: m.Arn });
      expect(row!.tags.map((t) => [t.tagKey, t.tagValue])).toEqual([["team", "payments"]]);
      expect(listKeyLabels(DEFAULT_TOKEN_LABEL)).toContain(m.Arn);
      // Durable: the batch window is a minute in these files, so only a write before the answer is there.
      expect(await auditEventOf(created.$metadata.requestId!)).toMatchObject({
        eventSource: "kms.amazonaws.com",
        eventName: "CreateKey",
        errorCode: null,
      });
      const described = await service.kms.send(new DescribeKeyCommand({ KeyId: m.KeyId }));
      expect(described.KeyMetadata).toMatchObject({ Arn: m.Arn, CreationDate: m.CreationDate, Description: "orders" });
    });

    it("in a CloudHSM key store: the material is on both HSMs of the cluster, and the row and audit event are there", async () => {
      const created = await service.kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.id }));
      const m = created.KeyMetadata!;
      expect(m).toMatchObject({
        Origin: "AWS_CLOUDHSM",
        CustomKeyStoreId: store.id,
        CloudHsmClusterId: store.clusterId,
        KeyState: "Enabled",
      });
      expect(await db().kmsKey.findUnique({ where: { id: m.KeyId! } })).toMatchObject({
        customKeyStoreId: store.id,
        cloudHsmClusterId: store.clusterId,
      });
      const labels = await clusterLabels(store.clusterId);
      expect(labels).toHaveLength(2);
      for (const hsm of labels) expect(hsm).toContain(m.Arn);
      expect(await auditEventOf(created.$metadata.requestId!)).toMatchObject({ eventName: "CreateKey", errorCode: null });
    });

    it("a row the database refuses leaves no key, no material (default token or cluster) and an audited failure", async () => {
      const keysBefore = await db().kmsKey.count();
      const defaultBefore = listKeyLabels(DEFAULT_TOKEN_LABEL);
      const clusterBefore = await clusterLabels(store.clusterId);
      for (const input of [{}, { Origin: "AWS_CLOUDHSM" as const, CustomKeyStoreId: store.id }]) {
        const e = await failure(service.kms.send(new CreateKeyCommand({ ...input, Description: FAILING_DESCRIPTION })));
        expect(e.name).toBe("KMSInternalException");
        expect(await auditEventOf(e.$metadata.requestId!)).toMatchObject({ eventName: "CreateKey", errorCode: "KMSInternalException" });
      }
      expect(await db().kmsKey.count()).toBe(keysBefore);
      expect(listKeyLabels(DEFAULT_TOKEN_LABEL)).toEqual(defaultBefore);
      expect(await clusterLabels(store.clusterId)).toEqual(clusterBefore);
    });

    it("a store disconnected a moment ago refuses the very next CreateKey, and takes keys again once connected", async () => {
      await service.kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.id })); // the store is cached now
      await stores.disconnectAndWait(store.id);
      const e = await failure(service.kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.id })));
      expect(e.name).toBe("CustomKeyStoreInvalidStateException");
      expect((await stores.connectAndWait(store.id)).ConnectionState).toBe("CONNECTED");
      const again = await service.kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.id }));
      expect(again.KeyMetadata!.KeyState).toBe("Enabled");
    });

    it("refuses the key over the quota (LimitExceededException, its material destroyed), counting keys written by anyone", async () => {
      const limit = env().KEYHOLD_KMS_KEY_LIMIT;
      await service.kms.send(new CreateKeyCommand({})); // the count is remembered now
      // Keys this CreateKey did not write (another instance, a restore): the table then holds limit − 1.
      const seeded = Array.from({ length: limit - 1 - (await db().kmsKey.count()) }, () => keyRowFields());
      expect(seeded.length).toBeGreaterThan(0);
      await db().kmsKey.createMany({ data: seeded });
      await service.kms.send(new CreateKeyCommand({ Description: "the last one that fits" }));
      expect(await db().kmsKey.count()).toBe(limit);

      const labels = listKeyLabels(DEFAULT_TOKEN_LABEL);
      const clusterBefore = await clusterLabels(store.clusterId);
      for (const input of [{}, { Origin: "AWS_CLOUDHSM" as const, CustomKeyStoreId: store.id }]) {
        const e = await failure(service.kms.send(new CreateKeyCommand(input)));
        expect(e.name).toBe("LimitExceededException");
        expect(e.message).toContain(String(limit));
        expect(await auditEventOf(e.$metadata.requestId!)).toMatchObject({ eventName: "CreateKey", errorCode: "LimitExceededException" });
      }
      expect(listKeyLabels(DEFAULT_TOKEN_LABEL)).toEqual(labels);
      expect(await clusterLabels(store.clusterId)).toEqual(clusterBefore);
      expect(await db().kmsKey.count()).toBe(limit);

      // A key gone (here: a row deleted by someone else) makes room for the next one.
      await db().kmsKey.delete({ where: { id: seeded[0]!.id } });
      expect((await service.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyState).toBe("Enabled");
      expect((await failure(service.kms.send(new CreateKeyCommand({})))).name).toBe("LimitExceededException");
    });
  });
}
