import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { KEY_ID_PATTERN, aliasArn, keyArn, parseKmsArn, type ServiceScope } from "./key-arn.ts";
import { KEY_RECORD_INCLUDE, type KeyRecord } from "./key-record.ts";

// KeyId → key. A key ID or key ARN always; an alias name (alias/…) or alias ARN only where the
// operation accepts one (DescribeKey and the cryptographic operations). Messages as real KMS words
// them (spec §1.3): "Invalid keyId '…'", "Key '<arn>' does not exist", "Alias <arn> is not found.",
// and "Invalid arn <region>" for an ARN of another Region.

export type ResolveKeyOptions = { keyId: string; scope: ServiceScope; allowAlias: boolean };

export function invalidKeyId(value: string): KmsError {
  return new KmsError("NotFoundException", `Invalid keyId '${value}'`);
}

export function keyDoesNotExist(arn: string): KmsError {
  return new KmsError("NotFoundException", `Key '${arn}' does not exist`);
}

export function aliasNotFound(arn: string): KmsError {
  return new KmsError("NotFoundException", `Alias ${arn} is not found.`);
}

type Target = { kind: "key"; id: string; arn: string } | { kind: "alias"; name: string; arn: string };

/** Parses a KeyId member without touching the database. */
export function parseKeyReference(options: ResolveKeyOptions): Target {
  const { keyId: value, scope } = options;
  if (value.startsWith("arn:")) {
    const arn = parseKmsArn(value);
    if (!arn) throw new KmsError("InvalidArnException", `${value} is not a valid KMS key or alias ARN.`);
    if (arn.region !== scope.region) throw new KmsError("NotFoundException", `Invalid arn ${arn.region}`);
    if (arn.type === "alias") {
      if (!options.allowAlias) throw invalidKeyId(value);
      if (arn.accountId !== scope.accountId) throw aliasNotFound(value);
      return { kind: "alias", name: `alias/${arn.resource}`, arn: value };
    }
    if (arn.accountId !== scope.accountId || !KEY_ID_PATTERN.test(arn.resource)) throw keyDoesNotExist(value);
    return { kind: "key", id: arn.resource, arn: value };
  }
  if (value.startsWith("alias/")) {
    if (!options.allowAlias) throw invalidKeyId(value);
    return { kind: "alias", name: value, arn: aliasArn(scope, value) };
  }
  if (!KEY_ID_PATTERN.test(value)) throw invalidKeyId(value);
  return { kind: "key", id: value, arn: keyArn(scope, value) };
}

/** The key a KeyId names, with its custom key store; NotFoundException when there is none. */
export async function resolveKey(options: ResolveKeyOptions): Promise<KeyRecord> {
  const target = parseKeyReference(options);
  if (target.kind === "alias") {
    const alias = await db().alias.findUnique({
      where: { name: target.name },
      include: { key: { include: KEY_RECORD_INCLUDE } },
    });
    if (!alias) throw aliasNotFound(target.arn);
    return alias.key;
  }
  const key = await db().kmsKey.findUnique({ where: { id: target.id }, include: KEY_RECORD_INCLUDE });
  if (!key) throw keyDoesNotExist(target.arn);
  return key;
}

/** The key with this id (from a ciphertext blob), or NotFoundException. */
export async function findKeyById(id: string, scope: ServiceScope): Promise<KeyRecord> {
  const key = await db().kmsKey.findUnique({ where: { id }, include: KEY_RECORD_INCLUDE });
  if (!key) throw keyDoesNotExist(keyArn(scope, id));
  return key;
}

// The cryptographic operations' lookups (Encrypt, Decrypt, GenerateDataKey, ReEncrypt: the hot path of
// /api/aws) read keys, with their store, from memory: an entry is dropped by the next write of any KmsKey,
// Alias or CustomKeyStore row (write-invalidated-cache.ts), so a disabled key, a key scheduled for
// deletion, a disconnected store or a moved alias is seen by the very next request. Management
// operations keep reading the database. A key that does not exist is not remembered.
const keyCache = new WriteInvalidatedCache<KeyRecord>("kms-keys", ["KmsKey", "Alias", "CustomKeyStore"]);

function frozen(key: KeyRecord): KeyRecord {
  if (key.customKeyStore) Object.freeze(key.customKeyStore);
  return Object.freeze(key);
}

/** resolveKey from memory when nothing was written since: for the cryptographic operations. */
export async function resolveKeyCached(options: ResolveKeyOptions): Promise<KeyRecord> {
  const target = parseKeyReference(options);
  const cacheKey = target.kind === "alias" ? `alias:${target.name}` : `key:${target.id}`;
  const hit = keyCache.peek(cacheKey);
  if (hit) return hit.value;
  const generation = keyCache.generation();
  const key = frozen(await resolveKey(options));
  keyCache.set(cacheKey, key, generation);
  return key;
}

/** findKeyById from memory when nothing was written since: Decrypt's key named by its blob. */
export async function findKeyByIdCached(id: string, scope: ServiceScope): Promise<KeyRecord> {
  const hit = keyCache.peek(`key:${id}`);
  if (hit) return hit.value;
  const generation = keyCache.generation();
  const key = frozen(await findKeyById(id, scope));
  keyCache.set(`key:${id}`, key, generation);
  return key;
}
