import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { dryRunError } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { accountRootArn } from "@/lib/server/kms-service/keys/key-arn.ts";
import { disabledError, keyState, pendingDeletionError } from "@/lib/server/kms-service/keys/key-state.ts";
import { resolveKey } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { db } from "@/lib/server/platform/db.ts";
import { canonicalJson, checkGrantOperations, checkPrincipalArn, normalizeConstraints } from "./grant-rules.ts";
import { newGrantId, newGrantToken } from "./grant-token.ts";
import { toGrant, type Grant, type GrantConstraints } from "./grant-types.ts";

export type CreateGrantOptions = {
  scope: CallerScope;
  keyId: string;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
  name?: string;
  dryRun?: boolean;
};

/** Resource quota: grants per KMS key. */
export const MAX_GRANTS_PER_KEY = 50_000;

function checkPrincipals(o: CreateGrantOptions): void {
  if ((o.granteePrincipal === undefined) === (o.granteeServicePrincipal === undefined)) {
    throw validationError("You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.");
  }
  if (o.retiringPrincipal !== undefined && o.retiringServicePrincipal !== undefined) {
    throw validationError("You can specify either RetiringPrincipal or RetiringServicePrincipal, but not both.");
  }
  if (o.granteeServicePrincipal !== undefined && !o.constraints?.SourceArn) {
    throw validationError("A grant for a GranteeServicePrincipal must have a SourceArn grant constraint.");
  }
  if (o.granteeServicePrincipal !== undefined && o.retiringPrincipal === undefined && o.retiringServicePrincipal === undefined) {
    throw validationError("A grant for a GranteeServicePrincipal must have a RetiringPrincipal or a RetiringServicePrincipal.");
  }
  checkPrincipalArn(o.granteePrincipal);
  checkPrincipalArn(o.retiringPrincipal);
}

/** The same grant again: CreateGrant with a Name returns the existing grant when every parameter matches. */
function sameGrant(g: Grant, o: CreateGrantOptions, operations: string[], constraints: GrantConstraints | undefined): boolean {
  return (
    g.granteePrincipal === o.granteePrincipal &&
    g.granteeServicePrincipal === o.granteeServicePrincipal &&
    g.retiringPrincipal === o.retiringPrincipal &&
    g.retiringServicePrincipal === o.retiringServicePrincipal &&
    canonicalJson([...g.operations].sort()) === canonicalJson([...operations].sort()) &&
    canonicalJson(g.constraints ?? null) === canonicalJson(constraints ?? null)
  );
}

/**
 * Adds a grant to a key in any store. Guards in KMS's order: members → key exists → the key policy
 * (kms:CreateGrant, conditions on the grant asked for) or a grant allows it → key state (Disabled:
 * DisabledException; PendingDeletion: KMSInvalidStateException; Unavailable is fine) → operations
 * suit the key → DryRun → Name idempotency → quota → create, bumping the key's grantsVersion.
 */
export async function createGrant(o: CreateGrantOptions): Promise<{ grantId: string; grantToken: string }> {
  checkPrincipals(o);
  const constraints = normalizeConstraints(o.constraints);
  const key = await resolveKey({
    keyId: o.keyId,
    scope: o.scope,
    allowAlias: false,
    access: {
      action: "kms:CreateGrant",
      facts: {
        requestedGrant: {
          operations: o.operations,
          constraints,
          granteePrincipal: o.granteePrincipal,
          retiringPrincipal: o.retiringPrincipal,
        },
      },
    },
  });
  const state = keyState(key);
  if (state === "Disabled") throw disabledError(key.arn);
  if (state === "PendingDeletion") throw pendingDeletionError(key.arn);
  const operations = checkGrantOperations(o.operations, key);
  if (o.dryRun) throw dryRunError();

  if (o.name !== undefined) {
    const named = await db().keyGrant.findMany({ where: { keyId: key.id, name: o.name } });
    const existing = named.map(toGrant).find((g) => sameGrant(g, o, operations, constraints));
    if (existing) return { grantId: existing.id, grantToken: newGrantToken(existing.id) };
  }
  if ((await db().keyGrant.count({ where: { keyId: key.id } })) >= MAX_GRANTS_PER_KEY) {
    throw new KmsError("LimitExceededException", `A KMS key can have at most ${MAX_GRANTS_PER_KEY} grants.`);
  }
  const id = newGrantId();
  await db().$transaction([
    db().keyGrant.create({
      data: {
        id,
        keyId: key.id,
        name: o.name ?? null,
        granteePrincipal: o.granteePrincipal ?? null,
        granteeServicePrincipal: o.granteeServicePrincipal ?? null,
        retiringPrincipal: o.retiringPrincipal ?? null,
        retiringServicePrincipal: o.retiringServicePrincipal ?? null,
        operations: JSON.stringify(operations),
        constraints: constraints ? JSON.stringify(constraints) : null,
        issuingAccount: accountRootArn(o.scope.accountId),
      },
    }),
    db().kmsKey.update({ where: { id: key.id }, data: { grantsVersion: { increment: 1 } } }),
  ]);
  return { grantId: id, grantToken: newGrantToken(id) };
}
