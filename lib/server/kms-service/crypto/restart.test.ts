// Data survives a restart: the service runs as its own process (SQLite + SoftHSM in one data dir);
// ciphertexts and data keys made before it is stopped decrypt after it is started again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from "@aws-sdk/client-kms";
import { ALICE, REGION } from "@/test/local-kms-test-service.ts";
import { spawnLocalKmsService, type ServiceProcess } from "@/test/spawn-local-kms-service.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-kms-restart-"));
let running: ServiceProcess | undefined;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function client(url: string) {
  return new KMSClient({ endpoint: url, region: REGION, credentials: ALICE, maxAttempts: 1 });
}

describe("a restart of the service", () => {
  it("keeps keys, aliases and the ability to decrypt what was encrypted before", async () => {
    running = await spawnLocalKmsService({ dataDir, withStore: true });
    const first = running;
    let kms = client(first.url);
    const plain = (await kms.send(new CreateKeyCommand({ Description: "default token" }))).KeyMetadata!;
    const inStore = (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: first.storeId }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: "alias/survivor", TargetKeyId: inStore.KeyId }));
    const context = { app: "restart" };
    const blobs = await Promise.all(
      [plain.KeyId!, "alias/survivor"].map(
        async (KeyId) =>
          (await kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from(`secret of ${KeyId}`), EncryptionContext: context })))
            .CiphertextBlob!,
      ),
    );
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: inStore.KeyId, KeySpec: "AES_256" }));
    expect(await first.stop()).toBe(0);
    running = undefined;

    running = await spawnLocalKmsService({ dataDir, withStore: true });
    expect(running.storeId).toBe(first.storeId);
    expect(running.child.pid).not.toBe(first.child.pid);
    kms = client(running.url);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: "alias/survivor" }))).KeyMetadata).toMatchObject({
      KeyId: inStore.KeyId,
      KeyState: "Enabled",
      CustomKeyStoreId: first.storeId,
    });
    const opened = await Promise.all(
      blobs.map((CiphertextBlob) => kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }))),
    );
    expect(opened.map((o) => Buffer.from(o.Plaintext!).toString())).toEqual([`secret of ${plain.KeyId}`, "secret of alias/survivor"]);
    expect(opened.map((o) => o.KeyId)).toEqual([plain.Arn, inStore.Arn]);
    const again = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(Buffer.from(again.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
  });
});
