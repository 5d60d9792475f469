import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";

// SigV4 credentials per URI path prefix, in their own file (settings.toml names it) so they can change
// while the proxy runs: the proxy re-reads the file when it changes and on SIGHUP. Each secret is sealed
// with the master key (secret-box, bound to its prefix and access key id); the file never holds one in
// clear and the secret is shown once, when it is created. Any number per prefix: rotation is "add the new
// one, move KMS to it, remove the old one".

// Spec Appendix A / KMS XksProxyAuthenticationCredentialType.
export const ACCESS_KEY_ID = /^[A-Z2-7]{20,30}$/;
export const RAW_SECRET = /^[a-zA-Z0-9/+=]{43,64}$/;

const ZFile = z.strictObject({
  version: z.literal(1),
  credentials: z.array(
    z.strictObject({
      prefix: z.string(),
      accessKeyId: z.string().regex(ACCESS_KEY_ID),
      sealedSecret: z.string().min(1),
      createdAt: z.string(),
    }),
  ),
});

export type CredentialRecord = z.infer<typeof ZFile>["credentials"][number];
/** prefix → access key id → secret (in memory only). */
export type CredentialTable = ReadonlyMap<string, ReadonlyMap<string, string>>;

function context(prefix: string, accessKeyId: string): string {
  return `xks-proxy-credential:${prefix}:${accessKeyId}`;
}

export function readCredentialRecords(file: string): CredentialRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const parsed = ZFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.credentials;
}

/** Opens every sealed secret; a record that does not open (wrong master key, edited) is an error. */
export function loadCredentialTable(file: string): CredentialTable {
  const table = new Map<string, Map<string, string>>();
  for (const r of readCredentialRecords(file)) {
    let secret: string;
    try {
      secret = openSealedText(r.sealedSecret, context(r.prefix, r.accessKeyId));
    } catch {
      throw new Error(`${file}: the secret of ${r.accessKeyId} does not open with this master key`);
    }
    const forPrefix = table.get(r.prefix) ?? new Map<string, string>();
    forPrefix.set(r.accessKeyId, secret);
    table.set(r.prefix, forPrefix);
  }
  return table;
}

function writeRecords(file: string, credentials: CredentialRecord[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, credentials }, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** A random access key id (base32, 24 characters: no information about the secret). */
export function newAccessKeyId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(crypto.randomBytes(24), (b) => alphabet[b & 31]).join("");
}

export type NewCredential = { prefix: string; accessKeyId: string; secretAccessKey: string };

/** Adds a credential for the prefix (a random one unless given) and returns it: the only time the secret is shown. */
export function addCredential(file: string, prefix: string, given?: { accessKeyId: string; secretAccessKey: string }): NewCredential {
  const accessKeyId = given?.accessKeyId ?? newAccessKeyId();
  // 32 random bytes = 256 bits of entropy, 44 base64 characters (spec Appendix A).
  const secretAccessKey = given?.secretAccessKey ?? crypto.randomBytes(32).toString("base64");
  if (!ACCESS_KEY_ID.test(accessKeyId)) throw new Error("An access key id is 20-30 characters of A-Z and 2-7.");
  if (!RAW_SECRET.test(secretAccessKey)) throw new Error("A secret access key is 43-64 characters of a-z A-Z 0-9 / + =.");
  const records = readCredentialRecords(file);
  if (records.some((r) => r.accessKeyId === accessKeyId)) throw new Error(`Access key id ${accessKeyId} exists already.`);
  records.push({
    prefix,
    accessKeyId,
    sealedSecret: seal(secretAccessKey, context(prefix, accessKeyId)),
    createdAt: new Date().toISOString(),
  });
  writeRecords(file, records);
  return { prefix, accessKeyId, secretAccessKey };
}

/** Removes a credential; false if there was none with this id. */
export function removeCredential(file: string, accessKeyId: string): boolean {
  const records = readCredentialRecords(file);
  const kept = records.filter((r) => r.accessKeyId !== accessKeyId);
  if (kept.length === records.length) return false;
  writeRecords(file, kept);
  return true;
}

/** The file KMS's console imports (spec "XKS proxy configuration in AWS KMS console"). */
export function kmsConsoleJson(credential: NewCredential, apiPath: string): string {
  return JSON.stringify(
    {
      XksProxyUriPath: `${credential.prefix}${apiPath}`,
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
    },
    null,
    2,
  );
}
