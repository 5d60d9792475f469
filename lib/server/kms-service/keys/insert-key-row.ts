import "server-only";
import type { KmsKey } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { bumpModelWrites } from "@/lib/server/platform/db-writes.ts";
import { writeIfUncontended } from "@/lib/server/platform/sqlite-uncontended-write.ts";
import type { WireTag } from "@/lib/server/kms-service/input/kms-shapes.ts";

// CreateKey's row and tags, in one commit. On SQLite a prepared INSERT on a connection of its own
// (sqlite-uncontended-write.ts) when the write lock is free, ~0.07 ms where Prisma's create costs
// 0.5–1.5 ms of the CreateKey round trip; otherwise, and on PostgreSQL, Prisma's create. Both write
// the same row: the columns Prisma fills itself (@default, @updatedAt) are given here, and DateTime
// columns are stored as Prisma's SQLite adapter stores them (ISO 8601, "+00:00" for "Z").
// insert-key-row.test.ts reads each way's row back through Prisma and fails on a column added to
// the table but not here.

/** What CreateKey decides; the rest of the row is the table's defaults for a new key. */
export type NewKeyRow = Omit<KmsKey, "deletionDate" | "grantsVersion" | "createdAt" | "updatedAt">;

const KEY_COLUMNS = [
  "id",
  "arn",
  "description",
  "keyUsage",
  "keySpec",
  "origin",
  "state",
  "deletionDate",
  "customKeyStoreId",
  "cloudHsmClusterId",
  "keyMaterialLabel",
  "keyMaterialId",
  "xksKeyId",
  "policy",
  "grantsVersion",
  "createdByArn",
  "createdAt",
  "updatedAt",
] as const satisfies ReadonlyArray<keyof KmsKey>;

/** Every column of KmsKey, in the table's order (insert-key-row.test.ts compares it with the table). */
export const KMS_KEY_COLUMNS: readonly string[] = KEY_COLUMNS;

const INSERT_KEY = `INSERT INTO "KmsKey" (${KEY_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${KEY_COLUMNS.map(() => "?").join(", ")})`;
const INSERT_TAG = `INSERT INTO "KeyTag" ("keyId", "tagKey", "tagValue") VALUES (?, ?, ?)`;

/** A DateTime as Prisma's better-sqlite3 adapter writes it (timestampFormat "iso8601"). */
const sqliteDateTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Inserts the key's row and tags in one commit and returns the row, as Prisma's create would. */
export async function insertKeyRow(fields: NewKeyRow, tags: readonly WireTag[]): Promise<KmsKey> {
  const now = new Date();
  const row: KmsKey = { ...fields, deletionDate: null, grantsVersion: 0, createdAt: now, updatedAt: now };
  const models = tags.length > 0 ? ["KmsKey", "KeyTag"] : ["KmsKey"];
  // Around the write, as db()'s query extension bumps around Prisma's (raw SQL is not seen by it).
  for (const m of models) bumpModelWrites(m);
  try {
    const written = writeIfUncontended((prepare) => {
      prepare(INSERT_KEY).run(
        KEY_COLUMNS.map((c) => {
          const v = row[c];
          return v instanceof Date ? sqliteDateTime(v) : v;
        }),
      );
      for (const t of tags) prepare(INSERT_TAG).run(row.id, t.TagKey, t.TagValue);
      return true;
    });
    if (written) return row;
  } finally {
    for (const m of models) bumpModelWrites(m);
  }
  return db().kmsKey.create({
    data: {
      ...row,
      ...(tags.length > 0 && { tags: { create: tags.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })) } }),
    },
  });
}

/** A unique index refused the row (Prisma: P2002; the SQLite connection: SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
