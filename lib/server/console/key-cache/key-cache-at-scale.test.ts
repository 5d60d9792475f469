// A change made outside the console with 10,000 keys in the key cache: the AWS SDK disables a key over
// HTTP, and after the poller's next pass GET /api/keys (the route handler, a real session) shows it
// Disabled. The pass describes the changed key, not the 10,000 (the service's KmsKey.updatedAt says which
// changed), so the promise holds at any key count: a change shows within one pass (30 s apart).
//
// Seeding: CreateKey would cost a C_GenerateKey per key, so the 10,000 service rows (KmsKey, which
// ListKeys lists) and their cache rows are written directly, as the poller would have left them.
import { CreateKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/keys/route.ts";
import { ZKeyListResponse, type KeyListResponse } from "@/lib/schemas/key-list.ts";
import { createSession } from "@/lib/server/console/auth/create-session.ts";
import { defaultKeyPolicy } from "@/lib/server/kms-service/keys/key-policy.ts";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { ACCOUNT_ID, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { KEY_CACHE_MIN_INTERVAL_MS } from "./poll-key-cache.ts";
import { AWS_CYCLE_PASSES, refreshKeyCache, rotatingWindow } from "./refresh-key-cache.ts";

const service = useLocalKms("key-cache-at-scale");
const N = 10_000;
let cookie: string;

async function seed(): Promise<void> {
  const changedAt = new Date(Date.now() - 3_600_000);
  const describedAt = new Date(); // described after their last change, and recently (not in the rotating window yet)
  const ids = Array.from({ length: N }, (_, i) => `5ca1e000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const arn = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${id}`;
  for (let i = 0; i < N; i += 1_000) {
    const part = ids.slice(i, i + 1_000);
    await db().kmsKey.createMany({
      data: part.map((id) => ({
        id,
        arn: arn(id),
        origin: "AWS_KMS",
        state: "Enabled",
        keyMaterialLabel: `seeded-no-material-${id}`,
        policy: defaultKeyPolicy(ACCOUNT_ID),
        createdByArn: `arn:aws:iam::${ACCOUNT_ID}:user/dave`,
        updatedAt: changedAt,
      })),
    });
    await db().keySummaryCache.createMany({
      data: part.map((id) => ({
        keyId: id,
        arn: arn(id),
        aliasesJson: "[]",
        sortAlias: "~",
        description: "",
        keyState: "Enabled",
        origin: "AWS_KMS",
        keyManager: "CUSTOMER",
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        sortStore: "~",
        creationDate: changedAt,
        searchText: id,
        refreshedAt: describedAt,
      })),
    });
  }
}

async function getKeys(query: string): Promise<KeyListResponse> {
  const response = await GET(
    new NextRequest(`http://127.0.0.1:3000/api/keys?${query}`, {
      headers: { host: "127.0.0.1:3000", cookie: `keyhold_session=${cookie}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(200);
  return ZKeyListResponse.parse(await response.json());
}

const describeKeyCalls = async () => (await flushAuditEvents(), db().auditEvent.count({ where: { eventName: "DescribeKey" } }));

beforeAll(async () => {
  await seed();
  const user = await createUser({ name: "scale-viewer", password: "a long enough password 1", role: "viewer" });
  cookie = (await createSession(user.id)).token;
}, 120_000);

describe("the key cache at 10,000 keys", () => {
  it("shows a key disabled over the wire as Disabled in GET /api/keys after one pass, describing only the changed keys", async () => {
    const { KeyMetadata } = await service.kms.send(new CreateKeyCommand({ Description: "changed outside the console" }));
    const keyId = KeyMetadata!.KeyId!;
    await refreshKeyCache({ kms: service.kms }); // the poller's pass that first sees it
    expect((await getKeys(`q=${keyId}`)).keys[0]).toMatchObject({ keyId, keyState: "Enabled" });

    await service.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const before = await describeKeyCalls();
    const started = performance.now();
    const pass = await refreshKeyCache({ kms: service.kms });
    const passMs = performance.now() - started;
    expect(pass).toMatchObject({ listed: N + 1, changed: 1, described: 1, removed: 0 });
    expect(await describeKeyCalls()).toBe(before + 1);
    // A pass is shorter than the poller's interval: the change shows within one interval plus one pass.
    expect(passMs).toBeLessThan(KEY_CACHE_MIN_INTERVAL_MS);

    expect((await getKeys(`q=${keyId}`)).keys[0]).toMatchObject({ keyId, keyState: "Disabled" });
    const disabled = await getKeys("state=Disabled");
    expect(disabled.keys.map((k) => k.keyId)).toEqual([keyId]);
    const first = await getKeys("");
    expect(first.total).toBe(N + 1);
    expect(first.keys[0]).toMatchObject({ keyId, keyState: "Disabled" }); // the newest key first
    expect(first.statesAsOf).toBeNull(); // local mode: every change is followed on the next pass
  }, 120_000);

  it("follows deletion scheduled over the wire on the next pass, and a pass with no change describes nothing", async () => {
    const { KeyMetadata } = await service.kms.send(new CreateKeyCommand({}));
    const keyId = KeyMetadata!.KeyId!;
    await refreshKeyCache({ kms: service.kms });
    expect((await refreshKeyCache({ kms: service.kms })).described).toBe(0);

    await service.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(await refreshKeyCache({ kms: service.kms })).toMatchObject({ changed: 1, described: 1 });
    expect((await getKeys(`q=${keyId}`)).keys[0]).toMatchObject({ keyId, keyState: "PendingDeletion", deletionDate: expect.any(String) });
  }, 120_000);

  it("in AWS mode (no change record) re-describes a window that covers 10,000 keys every 10 passes", () => {
    expect(rotatingWindow(N, 100, false) * AWS_CYCLE_PASSES).toBeGreaterThanOrEqual(N);
    expect(rotatingWindow(500, 100, false)).toBe(100);
    expect(rotatingWindow(1_000_000, 100, false)).toBe(1_000); // bounded per pass
    expect(rotatingWindow(N, 100, true)).toBe(100); // local mode: a safety net only
  });
});
