import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataPath } from "@/lib/server/platform/env.ts";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";

// A backup is one file, <dataDir>/clusters/<cluster-id>/backups/<backup-id>.bin: the cluster's users
// (kmsuser password, SO PIN), its trust anchor and certificate, its wrapping key, and every key as an
// RFC 5649 blob under that wrapping key — the whole document sealed (AES-256-GCM) with the master key
// and bound to the backup id. Like a CloudHSM backup it is self-contained: a cluster restored from it
// needs nothing from the source cluster.

const ZBackupPayload = z.object({
  version: z.literal(1),
  backupId: z.string(),
  clusterId: z.string(),
  createdAt: z.string(),
  hsmType: z.string(),
  trustAnchorPem: z.string(),
  certificatesJson: z.string(),
  subnetMapping: z.record(z.string(), z.string()),
  kmsuserPassword: z.string(),
  soPin: z.string(),
  wrapKey: z.string(),
  keys: z.array(z.object({ label: z.string(), wrapped: z.string(), kcv: z.string() })),
});

export type BackupPayload = z.infer<typeof ZBackupPayload>;
export type BackupKey = BackupPayload["keys"][number];

export function backupFilePath(clusterId: string, backupId: string): string {
  return dataPath("clusters", clusterId, "backups", `${backupId}.bin`);
}

export function writeBackupFile(payload: BackupPayload): string {
  const file = backupFilePath(payload.clusterId, payload.backupId);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, seal(JSON.stringify(payload), `backup:${payload.backupId}`), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

export function readBackupFile(clusterId: string, backupId: string): BackupPayload {
  const sealed = fs.readFileSync(backupFilePath(clusterId, backupId), "utf8");
  return ZBackupPayload.parse(JSON.parse(openSealedText(sealed, `backup:${backupId}`)));
}
