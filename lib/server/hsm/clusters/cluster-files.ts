import "server-only";
import fs from "node:fs";
import path from "node:path";
import { dataPath } from "@/lib/server/platform/env.ts";

// Files a cluster's owner would keep: the trust anchor (customerCA.crt) and, for the demo cluster
// only, the kmsuser password, so a local user can paste them into the key-store wizard.

export function clusterDir(clusterId: string): string {
  return dataPath("clusters", clusterId);
}

function writeIfChanged(file: string, text: string, mode: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
}

export function writeTrustAnchorFile(clusterId: string, trustAnchorPem: string): string {
  const file = path.join(clusterDir(clusterId), "customerCA.crt");
  writeIfChanged(file, trustAnchorPem, 0o644);
  return file;
}

export function kmsuserPasswordFile(clusterId: string): string {
  return path.join(clusterDir(clusterId), "kmsuser-password");
}

/**
 * The password is the file's last line; the lines before it say that it is only the starting
 * password: KMS rotates it on every connect, so it stops working once a key store has connected.
 */
export function writeKmsuserPasswordFile(clusterId: string, password: string): string {
  const file = kmsuserPasswordFile(clusterId);
  const note = [
    `# The STARTING password of the crypto user kmsuser on cluster ${clusterId} (the last line).`,
    "# Like KMS, Keyhold changes it to one only the service knows every time a key store connects, so it",
    "# stops working after the first connect. To choose a new one: Clusters page, Set kmsuser password.",
  ];
  writeIfChanged(file, `${note.join("\n")}\n${password}\n`, 0o600);
  return file;
}

/** The password in a file written by writeKmsuserPasswordFile (its last line). */
export function readKmsuserPasswordFile(file: string): string {
  return fs.readFileSync(file, "utf8").trim().split("\n").at(-1)!.trim();
}
