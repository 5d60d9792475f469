// kill -9 must not lose the audit event of a request that was answered. The real service runs as its
// own process (test/spawn-local-kms-service.ts) with the batch window set to a minute, so that an event
// that is not written before its answer is certainly still queued when the process is killed.
import { describe, expect, it } from "vitest";
import { CreateKeyCommand, EncryptCommand, KMSClient, TagResourceCommand } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { ALICE, REGION } from "@/test/local-kms-test-service.ts";
import { spawnLocalKmsService, type ServiceProcess } from "@/test/spawn-local-kms-service.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

const dir = useMigratedDataDir("audit-durability");

/** Runs `clients` loops of `call` until the process is killed with SIGKILL after `acknowledgedBefore` answers. */
async function killDuringLoad(service: ServiceProcess, call: () => Promise<string>, acknowledgedBefore: number): Promise<string[]> {
  const acknowledged: string[] = [];
  const clients = Array.from({ length: 6 }, async () => {
    for (;;) {
      try {
        acknowledged.push(await call());
      } catch {
        return;
      }
    }
  });
  await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(acknowledgedBefore);
  const exited = new Promise((resolve) => service.child.once("exit", resolve));
  service.child.kill("SIGKILL");
  await exited;
  await Promise.all(clients);
  return acknowledged;
}

async function missing(requestIds: string[]): Promise<string[]> {
  const rows = await db().auditEvent.findMany({ where: { requestId: { in: requestIds } }, select: { requestId: true } });
  const found = new Set(rows.map((r) => r.requestId));
  return requestIds.filter((id) => !found.has(id));
}

describe("audit events after kill -9", () => {
  it("every acknowledged state-changing request is audited (KEYHOLD_AUDIT_DURABLE=changes, the default)", async () => {
    const service = await spawnLocalKmsService({ dataDir: dir, audit: true, env: { KEYHOLD_AUDIT_FLUSH_MS: "60000" } });
    const kms = new KMSClient({ endpoint: service.url, region: REGION, credentials: ALICE, maxAttempts: 1 });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    let n = 0;
    const tagged = await killDuringLoad(
      service,
      async () =>
        (await kms.send(new TagResourceCommand({ KeyId: KeyMetadata!.KeyId, Tags: [{ TagKey: `t${n++ % 40}`, TagValue: "v" }] }))).$metadata
          .requestId!,
      60,
    );
    expect(await missing(tagged)).toEqual([]);
  });

  it("every acknowledged Encrypt is audited with KEYHOLD_AUDIT_DURABLE=all", async () => {
    const env = { KEYHOLD_AUDIT_FLUSH_MS: "60000", KEYHOLD_AUDIT_DURABLE: "all" };
    const service = await spawnLocalKmsService({ dataDir: dir, audit: true, env });
    const kms = new KMSClient({ endpoint: service.url, region: REGION, credentials: ALICE, maxAttempts: 1 });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const encrypted = await killDuringLoad(
      service,
      async () => (await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from("x") }))).$metadata.requestId!,
      60,
    );
    expect(await missing(encrypted)).toEqual([]);
  });
});
