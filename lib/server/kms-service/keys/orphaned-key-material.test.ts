// Key material left by a crash between CreateKey's material and its row is found and removed by the
// status poller (local backend), and nothing else is: not a key's material, not material of a CreateKey
// in flight, not labels that are not key ARNs. Real tokens, the real service over HTTP, the real poller.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand, EncryptCommand } from "@aws-sdk/client-kms";
import { startStatusPoller } from "@/lib/server/console/status/status-poller.ts";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { listClusterKeyLabels } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { generateAesKey, listKeyLabels } from "@/lib/server/hsm/keys.ts";
import { db } from "@/lib/server/platform/db.ts";
import { createTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { ACCOUNT_ID, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { createKeyMaterial } from "./key-material.ts";
import { markKeyMaterialInFlight } from "./orphaned-key-material.ts";

const service = useLocalKms("orphaned-key-material");
const arn = () => `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${crypto.randomUUID()}`;
let store: TestKeyStore;

beforeAll(async () => {
  store = await createTestKeyStore();
});

describe("orphaned key material", () => {
  it("the status poller removes material no KMS key refers to, and nothing else", async () => {
    const { KeyMetadata: kept } = await service.kms.send(new CreateKeyCommand({}));
    const { KeyMetadata: keptInStore } = await service.kms.send(
      new CreateKeyCommand({ CustomKeyStoreId: store.storeId, Origin: "AWS_CLOUDHSM" }),
    );
    // What a kill -9 between CreateKey's material and its row leaves: material, no row.
    const orphan = arn();
    const clusterOrphan = arn();
    await createKeyMaterial({ label: orphan });
    await createKeyMaterial({ label: clusterOrphan, clusterId: store.clusterId });
    // A CreateKey in flight: material made, row not yet committed.
    const inFlight = arn();
    const release = markKeyMaterialInFlight(inFlight);
    await createKeyMaterial({ label: inFlight });
    // Not a key ARN: never touched.
    await generateAesKey(DEFAULT_TOKEN_LABEL, "not-a-kms-key");

    const clusterLabels = async () => (await listClusterKeyLabels({ clusterId: store.clusterId })).map((h) => h.labels);
    expect(listKeyLabels(DEFAULT_TOKEN_LABEL)).toEqual(expect.arrayContaining([orphan, inFlight, kept!.Arn, "not-a-kms-key"]));

    const poller = startStatusPoller({
      fastMs: 100,
      slowMs: 100,
      keyCountMs: 100,
      clients: async () => ({ kms: service.kms, cloudHsm: service.cloudhsm }),
    });
    try {
      await expect.poll(() => listKeyLabels(DEFAULT_TOKEN_LABEL).includes(orphan), { timeout: 15_000 }).toBe(false);
      await expect.poll(async () => (await clusterLabels()).some((l) => l?.includes(clusterOrphan)), { timeout: 15_000 }).toBe(false);
      expect(listKeyLabels(DEFAULT_TOKEN_LABEL)).toEqual(expect.arrayContaining([inFlight, kept!.Arn, "not-a-kms-key"]));
      for (const labels of await clusterLabels()) expect(labels).toContain(keptInStore!.Arn);

      // Once the CreateKey gave up (its row never came), its material is an orphan like any other.
      release();
      await expect.poll(() => listKeyLabels(DEFAULT_TOKEN_LABEL).includes(inFlight), { timeout: 15_000 }).toBe(false);
    } finally {
      await poller.stop();
    }
    for (const KeyId of [kept!.KeyId, keptInStore!.KeyId]) {
      await expect(service.kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from("still here") }))).resolves.toBeDefined();
    }
    const events = await db().auditEvent.findMany({ where: { eventName: "RemoveOrphanedKeyMaterial" } });
    expect(events.map((e) => JSON.parse(e.requestParameters!).label).sort()).toEqual([orphan, clusterOrphan, inFlight].sort());
  });
});
