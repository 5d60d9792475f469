// The status cache with 100 key stores (100 clusters of 2 HSMs) and 10,000 KMS keys: the time to
// refresh it (DescribeCustomKeyStores, DescribeClusters, ListKeys + DescribeKey of new keys for the key counts,
// answered by in-memory stand-ins for the SDK clients, so the figure is the console's own work and the
// database writes), and the server time of the key stores list read from the cache (what
// GET /api/key-stores does after withSession), p50/p99. SQLite in a temp data dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const STORES = 100;
const KEYS = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function statusCacheBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-status-"));
  process.env.KEYHOLD_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  try {
    const { deployMigrations } = await import("@/scripts/db/schema-engine.mjs");
    await deployMigrations({ url: `file:${path.join(dir, "keyhold.db")}` });
    const { issueClusterPki } = await import("@/lib/server/hsm/clusters/certificates.ts");
    const { refreshStatusCache } = await import("@/lib/server/console/status/refresh-status-cache.ts");
    const { readBackendStatus, readCachedKeyStores } = await import("@/lib/server/console/status/read-status-cache.ts");
    const { db } = await import("@/lib/server/platform/db.ts");
    const pki = await issueClusterPki("cluster-bench00000");

    const id = (i: number) => `cks-${String(i).padStart(17, "0")}`;
    const cluster = (i: number) => `cluster-${String(i).padStart(11, "0")}`;
    const stores = Array.from({ length: STORES }, (_, i) => ({
      CustomKeyStoreId: id(i),
      CustomKeyStoreName: `store-${i}`,
      CustomKeyStoreType: "AWS_CLOUDHSM",
      CloudHsmClusterId: cluster(i),
      ConnectionState: i % 10 === 0 ? "FAILED" : "CONNECTED",
      ConnectionErrorCode: i % 10 === 0 ? "INVALID_CREDENTIALS" : undefined,
      TrustAnchorCertificate: pki.trustAnchorPem,
      CreationDate: new Date(),
    }));
    const clusters = Array.from({ length: STORES }, (_, i) => ({
      ClusterId: cluster(i),
      State: "ACTIVE",
      SubnetMapping: { "us-east-1a": "subnet-a", "us-east-1b": "subnet-b" },
      Certificates: { ClusterCertificate: pki.clusterCertificatePem },
      Hsms: ["a", "b"].map((z) => ({ HsmId: `hsm-${i}${z}`, AvailabilityZone: `us-east-1${z}`, State: "ACTIVE", EniIp: "10.0.0.1" })),
    }));
    const keyArn = (k: number) => `arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-${String(k).padStart(12, "0")}`;
    const calls = new Map<string, number>();
    const send = async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      calls.set(cmd.constructor.name, (calls.get(cmd.constructor.name) ?? 0) + 1);
      switch (cmd.constructor.name) {
        case "DescribeCustomKeyStoresCommand":
          return { CustomKeyStores: stores, Truncated: false };
        case "DescribeClustersCommand":
          return { Clusters: clusters };
        case "ListAliasesCommand":
          return { Aliases: [], Truncated: false };
        case "ListKeysCommand": {
          const from = Number(cmd.input.Marker ?? 0);
          const to = Math.min(KEYS, from + 1000);
          return {
            Keys: Array.from({ length: to - from }, (_, j) => ({ KeyId: String(from + j), KeyArn: keyArn(from + j) })),
            Truncated: to < KEYS,
            NextMarker: String(to),
          };
        }
        case "DescribeKeyCommand": {
          const k = Number(cmd.input.KeyId);
          return {
            KeyMetadata: {
              KeyId: String(k),
              Arn: keyArn(k),
              KeyState: "Enabled",
              Origin: "AWS_CLOUDHSM",
              KeyManager: "CUSTOMER",
              KeyUsage: "ENCRYPT_DECRYPT",
              KeySpec: "SYMMETRIC_DEFAULT",
              CreationDate: new Date(),
              Enabled: true,
              CustomKeyStoreId: id(k % STORES),
              CloudHsmClusterId: cluster(k % STORES),
            },
          };
        }
        default:
          throw new Error(`bench stand-in: ${cmd.constructor.name}`);
      }
    };
    const clients = { kms: { send }, cloudHsm: { send } } as unknown as Parameters<typeof refreshStatusCache>[0];

    for (const [label, keyCounts] of [
      ["first refresh (creates rows)", true],
      ["refresh, no change, with key counts", true],
      ["refresh, no change, without key counts", false],
    ] as const) {
      calls.clear();
      const t = performance.now();
      await refreshStatusCache({ ...clients, keyCounts });
      const made = [...calls].map(([name, n]) => `${n} ${name.replace(/Command$/, "")}`).join(", ");
      console.log(`  ${label.padEnd(42)} ${STORES} stores, ${KEYS} keys: ${(performance.now() - t).toFixed(0)} ms (${made})`);
    }
    // Every store changes state at once: 100 updates and 100 history rows.
    for (const s of stores) Object.assign(s, { ConnectionState: "DISCONNECTED", ConnectionErrorCode: undefined });
    const t = performance.now();
    const { changes } = await refreshStatusCache({ ...clients, keyCounts: false });
    console.log(
      `  ${"refresh, every store changed state".padEnd(42)} ${STORES} stores: ${(performance.now() - t).toFixed(0)} ms (${changes} changes recorded)`,
    );
    for (const [i, s] of stores.entries()) if (i % 10 !== 0) s.ConnectionState = "CONNECTED";

    const list = async () => {
      const [cached, backend] = await Promise.all([readCachedKeyStores(), readBackendStatus()]);
      return { keyStores: cached.map((c) => c.summary), backend };
    };
    for (let i = 0; i < 5; i++) await list();
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const r = await list();
      times.push(performance.now() - t);
      if (r.keyStores.length !== STORES || r.keyStores.reduce((n, s) => n + s.keyCount, 0) !== KEYS)
        throw new Error("bench: unexpected cache contents");
    }
    times.sort((a, b) => a - b);
    console.log(
      `  key stores list from the cache (GET /api/key-stores server time): p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
    await db().$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
