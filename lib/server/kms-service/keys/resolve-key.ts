import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import { authorizeKeyAction } from "@/lib/server/kms-service/authz/authorize-key-action.ts";
import type { CallerScope, KmsAction } from "@/lib/server/kms-service/authz/caller.ts";
import type { RequestFacts } from "@/lib/server/kms-service/authz/request-condition-values.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { KEY_ID_PATTERN, aliasArn, keyArn, parseKmsArn } from "./key-arn.ts";
import { KEY_RECORD_INCLUDE, type KeyRecord } from "./key-record.ts";

// KeyId → key. A key ID or key ARN always; an alias name (alias/…) or alias ARN only where the
// operation accepts one (DescribeKey and the cryptographic operations). Messages as real KMS words
// them (spec §1.3): "Invalid keyId '…'", "Key '<arn>' does not exist", "Alias <arn> is not found.",
// and "Invalid arn <region>" for an ARN of another Region.
//
// Every lookup names what the caller wants to do with the key: the key's policy and grants are
// evaluated for that action right after the key is found (authz/authorize-key-action.ts), before
// any state check, as KMS does. Only lookups whose authorisation lies elsewhere say "unchecked",
// with the reason.

/** The action to authorise on the key found, with the request's facts for policy conditions. */
export type KeyAccess = { action: KmsAction; facts?: RequestFacts } | { unchecked: string };

export type ResolveKeyOptions = { keyId: string; scope: CallerScope; allowAlias: boolean; access: KeyAccess };

async function authorize(scope: CallerScope, key: KeyRecord, access: KeyAccess): Promise<KeyRecord> {
  if ("action" in access) await authorizeKeyAction({ caller: scope, key, action: access.action, facts: access.facts });
  return key;
}

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

/** The key a KeyId names, with its custom key store, once the caller may act on it; NotFoundException when there is none. */
export async function resolveKey(options: ResolveKeyOptions): Promise<KeyRecord> {
  return authorize(options.scope, await readKey(parseKeyReference(options)), options.access);
}

/** The key with this id (from a ciphertext blob or an alias), once the caller may act on it; or NotFoundException. */
export async function findKeyById(id: string, scope: CallerScope, access: KeyAccess): Promise<KeyRecord> {
  return authorize(scope, await readKey({ kind: "key", id, arn: keyArn(scope, id) }), access);
}

async function readKey(target: Target): Promise<KeyRecord> {
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

// The cryptographic operations' lookups (Encrypt, Decrypt, GenerateDataKey, ReEncrypt: the hot path of
// /api/aws) and DescribeKey's read keys, with their store and policy, from memory: an entry is dropped by the next write of
// any KmsKey, Alias or CustomKeyStore row (write-invalidated-cache.ts), so a disabled key, a key
// scheduled for deletion, a new key policy, a disconnected store or a moved alias is seen by the very
// next request. The caller is authorised on every request, as by resolveKey. Management operations keep
// reading the database. A key that does not exist is not remembered.
const keyCache = new WriteInvalidatedCache<KeyRecord>("kms-keys", ["KmsKey", "Alias", "CustomKeyStore"]);

async function readKeyCached(target: Target): Promise<KeyRecord> {
  const cacheKey = target.kind === "alias" ? `alias:${target.name}` : `key:${target.id}`;
  const hit = keyCache.peek(cacheKey);
  if (hit) return hit.value;
  const generation = keyCache.generation();
  const key = await readKey(target);
  // Shared by every request until the next write: frozen, so nobody changes it in place.
  if (key.customKeyStore) Object.freeze(key.customKeyStore);
  keyCache.set(cacheKey, Object.freeze(key), generation);
  return key;
}

/** resolveKey with the key from memory when nothing was written since: for the cryptographic operations. */
export async function resolveKeyCached(options: ResolveKeyOptions): Promise<KeyRecord> {
  return authorize(options.scope, await readKeyCached(parseKeyReference(options)), options.access);
}

/** findKeyById with the key from memory when nothing was written since: Decrypt's key named by its blob. */
export async function findKeyByIdCached(id: string, scope: CallerScope, access: KeyAccess): Promise<KeyRecord> {
  return authorize(scope, await readKeyCached({ kind: "key", id, arn: keyArn(scope, id) }), access);
}
