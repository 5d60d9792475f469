import "server-only";
import { db } from "@/lib/server/platform/db.ts";
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
  const target = parseKeyReference(options);
  if (target.kind === "alias") {
    const alias = await db().alias.findUnique({
      where: { name: target.name },
      include: { key: { include: KEY_RECORD_INCLUDE } },
    });
    if (!alias) throw aliasNotFound(target.arn);
    return authorize(options.scope, alias.key, options.access);
  }
  const key = await db().kmsKey.findUnique({ where: { id: target.id }, include: KEY_RECORD_INCLUDE });
  if (!key) throw keyDoesNotExist(target.arn);
  return authorize(options.scope, key, options.access);
}

/** The key with this id (from a ciphertext blob or an alias), once the caller may act on it; or NotFoundException. */
export async function findKeyById(id: string, scope: CallerScope, access: KeyAccess): Promise<KeyRecord> {
  const key = await db().kmsKey.findUnique({ where: { id }, include: KEY_RECORD_INCLUDE });
  if (!key) throw keyDoesNotExist(keyArn(scope, id));
  return authorize(scope, key, access);
}
