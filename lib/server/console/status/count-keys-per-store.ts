import "server-only";
import type { KMSClient } from "@aws-sdk/client-kms";
import { describeKeys } from "@/lib/server/console/keys/describe-keys.ts";
import { listAllKeyIds } from "@/lib/server/console/keys/list-all-key-ids.ts";
import { db } from "@/lib/server/platform/db.ts";

// SQLite allows 32,766 bound variables per statement; stay far below for `IN (...)` lists.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function remember(rows: { keyId: string; customKeyStoreId: string | null }[], at: Date): Promise<void> {
  for (const part of chunks(rows)) {
    try {
      await db().keyStoreMembership.createMany({ data: part.map((r) => ({ ...r, firstSeenAt: at })) });
    } catch (e) {
      // Another refresh (an on-demand one beside the poller) recorded some of them first.
      if ((e as { code?: string }).code !== "P2002") throw e;
      for (const r of part) {
        await db().keyStoreMembership.upsert({ where: { keyId: r.keyId }, create: { ...r, firstSeenAt: at }, update: {} });
      }
    }
  }
}

/**
 * How many KMS keys each custom key store holds, by store id. ListKeys finds the keys; only keys not
 * seen before are described (KeyStoreMembership remembers the store of every key seen, as a key never
 * changes store), and keys no longer listed are forgotten. A count over 10,000 unchanged keys is ten
 * ListKeys calls, not 10,000 DescribeKey calls, each of which the service audits.
 */
export async function countKeysPerStore(kms: KMSClient, now: Date = new Date()): Promise<Map<string, number>> {
  const listed = await listAllKeyIds(kms);
  const known = new Set((await db().keyStoreMembership.findMany({ select: { keyId: true } })).map((r) => r.keyId));
  const unseen = listed.filter((id) => !known.has(id));
  // A key the poller may not describe is not counted (and is asked about again next time).
  const described = await describeKeys(kms, unseen, { skipDenied: true });
  await remember(
    described.map((m) => ({ keyId: m.KeyId!, customKeyStoreId: m.KeyManager === "AWS" ? null : (m.CustomKeyStoreId ?? null) })),
    now,
  );

  const listedSet = new Set(listed);
  const gone = [...known].filter((id) => !listedSet.has(id));
  for (const part of chunks(gone)) await db().keyStoreMembership.deleteMany({ where: { keyId: { in: part } } });

  const groups = await db().keyStoreMembership.groupBy({
    by: ["customKeyStoreId"],
    where: { customKeyStoreId: { not: null } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.customKeyStoreId!, g._count._all]));
}
