// Audit events of requests answered just before a clean shutdown are written: the service runs as its
// own process, its batching window set to a minute so that every event is still queued when SIGTERM
// makes it stop serving and call process.exit() at once.
import { describe, expect, it } from "vitest";
import { GenerateRandomCommand, KMSClient } from "@aws-sdk/client-kms";
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
