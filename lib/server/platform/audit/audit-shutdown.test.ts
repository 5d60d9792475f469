// Audit events of requests answered before a shutdown are written: the service runs as its own process
// with the console's lifecycle (lib/server/platform/lifecycle.ts). First with its batching window set to
// a minute, so that every event is still queued when SIGTERM comes; then with SIGTERM in the middle of
// a load.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { CreateKeyCommand, EncryptCommand, GenerateRandomCommand, KMSClient } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { ALICE, REGION } from "@/test/local-kms-test-service.ts";
import { spawnLocalKmsService } from "@/test/spawn-local-kms-service.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

const dir = useMigratedDataDir("audit-shutdown");

describe("the audit writer on shutdown", () => {
  it("writes the events still queued when the process is told to exit", async () => {
    const service = await spawnLocalKmsService({ dataDir: dir, audit: true, env: { KEYHOLD_AUDIT_FLUSH_MS: "60000" } });
    const kms = new KMSClient({ endpoint: service.url, region: REGION, credentials: ALICE, maxAttempts: 1 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 }))));
    const ids = answers.map((a) => a.$metadata.requestId!);
    expect(await service.stop()).toBe(0);

    const rows = await db().auditEvent.findMany({ where: { requestId: { in: ids } } });
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.eventName === "GenerateRandom" && r.principalArn?.endsWith(":user/alice"))).toBe(true);
  });
});

describe("SIGTERM during load", () => {
  it("exits within 5 s with every acknowledged request audited and the tokens finalised", async () => {
    const service = await spawnLocalKmsService({ dataDir: dir, audit: true });
    let stderr = "";
    service.child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const kms = new KMSClient({ endpoint: service.url, region: REGION, credentials: ALICE, maxAttempts: 1 });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const acknowledged: string[] = [];
    let refused = 0;
    // Eight clients encrypt as fast as they can until the service stops answering.
    const clients = Array.from({ length: 8 }, async () => {
      for (;;) {
        try {
          const out = await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from("load") }));
          acknowledged.push(out.$metadata.requestId!);
        } catch {
          refused++;
          return;
        }
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(200);
    const signalled = Date.now();
    const code = await service.stop();
    const tookMs = Date.now() - signalled;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(5_000);
    expect(refused).toBe(8);
    const rows = await db().auditEvent.findMany({ where: { requestId: { in: acknowledged } }, select: { requestId: true } });
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(acknowledged.length);
    // The owner stopped every part in order, PKCS#11 (C_Finalize) among them, and let go of the tokens.
    expect(stderr).toMatch(/stopped: kms service, audit writer, (pkcs11, database|database, pkcs11)/);
    expect(fs.existsSync(path.join(dir, "hsm.lock"))).toBe(false);
  });
});
