import "server-only";
import crypto from "node:crypto";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { span, withSpans } from "@/lib/server/platform/bench-spans.ts";
import type { WireTag } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { requireConnectedKeyStore } from "@/lib/server/kms-service/key-stores/index.ts";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { checkPolicyLockout } from "@/lib/server/kms-service/authz/check-policy-lockout.ts";
import { keyArn } from "./key-arn.ts";
import { createKeyMaterial, destroyKeyMaterial } from "./key-material.ts";
import { defaultKeyPolicy, validateKeyPolicy } from "./key-policy.ts";
import { ENCRYPT_DECRYPT, SYMMETRIC_DEFAULT, type KeyRecord } from "./key-record.ts";
import { checkTagsRequest } from "./tag-rules.ts";
import { checkExternalKey, xksKeyInUse } from "./check-external-key.ts";
import { markKeyMaterialInFlight } from "./orphaned-key-material.ts";
import { insertKeyRow, isUniqueViolation } from "./insert-key-row.ts";
import { beforeKeyRow, checkKeyQuota, keyRowInserted } from "./key-quota.ts";

export type CreateLocalKeyOptions = {
  scope: CallerScope;
  callerArn: string;
  policy?: string;
  description?: string;
  keyUsage?: string;
  keySpec?: string;
  customerMasterKeySpec?: string;
  origin?: string;
  customKeyStoreId?: string;
  bypassPolicyLockoutSafetyCheck?: boolean;
  tags?: WireTag[];
  multiRegion?: boolean;
  xksKeyId?: string;
  /** The request's id: sent to an external key store's proxy as kmsRequestId. */
  requestId?: string;
};

function unsupported(message: string): KmsError {
  return new KmsError("UnsupportedOperationException", message);
}

/** The combinations of members this service accepts (spec §4 CreateKey, §6.1). */
function checkKeyShape(o: CreateLocalKeyOptions): { keySpec: string; keyUsage: string; origin: string } {
  if (o.keySpec && o.customerMasterKeySpec) {
    throw validationError("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.");
  }
  const keySpec = o.keySpec ?? o.customerMasterKeySpec ?? SYMMETRIC_DEFAULT;
  const keyUsage = o.keyUsage ?? ENCRYPT_DECRYPT;
  const origin = o.origin ?? "AWS_KMS";
  const inStore = o.customKeyStoreId !== undefined;
  if (o.xksKeyId !== undefined && origin !== "EXTERNAL_KEY_STORE") {
    throw validationError("XksKeyId is valid only when Origin is EXTERNAL_KEY_STORE.");
  }
  if (origin === "EXTERNAL_KEY_STORE" && !inStore) throw validationError("Origin EXTERNAL_KEY_STORE requires a CustomKeyStoreId.");
  if (origin === "EXTERNAL_KEY_STORE" && o.xksKeyId === undefined) throw validationError("Origin EXTERNAL_KEY_STORE requires an XksKeyId.");
  if (origin === "AWS_CLOUDHSM" && !inStore) throw validationError("Origin AWS_CLOUDHSM requires a CustomKeyStoreId.");
  if (inStore && origin !== "AWS_CLOUDHSM" && origin !== "EXTERNAL_KEY_STORE") {
    throw unsupported(
      `Origin ${origin} is not valid for a KMS key in a custom key store. Use AWS_CLOUDHSM for a CloudHSM key store, EXTERNAL_KEY_STORE for an external key store.`,
    );
  }
  if (origin === "EXTERNAL") throw unsupported("Origin EXTERNAL (imported key material) is not supported by this service.");
  const where = inStore ? "in a custom key store" : "by this service";
  if (keySpec !== SYMMETRIC_DEFAULT) {
    throw unsupported(`KeySpec ${keySpec} is not supported ${where}: only SYMMETRIC_DEFAULT keys can be created.`);
  }
  if (keyUsage !== ENCRYPT_DECRYPT) {
    throw validationError(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
  }
  if (o.multiRegion) throw unsupported(`Multi-Region keys are not supported ${where}.`);
  return { keySpec, keyUsage, origin };
}

type MaterialAndRow = {
  id: string;
  arn: string;
  store: CustomKeyStore | null;
  clusterId: string | null;
  keySpec: string;
  keyUsage: string;
  origin: string;
  policy: string;
  tags: WireTag[];
};

/**
 * Creates a symmetric encryption KMS key: its AES-256 material in the default token (AWS_KMS) or on
 * every active HSM of the key store's cluster (AWS_CLOUDHSM, label = key ARN), then its row, tags and
 * key policy. Guards: member combinations → tags → policy → store CONNECTED → cluster HSMs → quota
 * (checked while the HSM works).
 */
export async function createLocalKey(o: CreateLocalKeyOptions): Promise<KeyRecord> {
  const { keySpec, keyUsage, origin } = checkKeyShape(o);
  return withSpans(`CreateKey ${origin}`, () => createCheckedKey(o, { keySpec, keyUsage, origin }));
}

async function createCheckedKey(
  o: CreateLocalKeyOptions,
  { keySpec, keyUsage, origin }: { keySpec: string; keyUsage: string; origin: string },
): Promise<KeyRecord> {
  const tags = o.tags ?? [];
  checkTagsRequest(tags);
  const policy = o.policy ?? defaultKeyPolicy(o.scope.accountId);
  validateKeyPolicy(policy);
  const id = crypto.randomUUID();
  const arn = keyArn(o.scope, id);
  if (o.policy !== undefined && !o.bypassPolicyLockoutSafetyCheck) {
    checkPolicyLockout(policy, { caller: o.scope, keyArn: arn, key: { origin, keySpec, keyUsage } });
  }

  // The store exists, is a CONNECTED CloudHSM key store with kmsuser logged in, and its cluster has
  // two ACTIVE HSMs in different AZs (the key-store domain checks all of it). An external key store:
  // CONNECTED, and its proxy's external key suits (check-external-key.ts).
  let store: CustomKeyStore | null = null;
  if (origin === "EXTERNAL_KEY_STORE") {
    store = await checkExternalKey({
      customKeyStoreId: o.customKeyStoreId!,
      xksKeyId: o.xksKeyId!,
      principalArn: o.callerArn,
      requestId: o.requestId ?? crypto.randomUUID(),
    });
  } else if (o.customKeyStoreId !== undefined) {
    store = await span("key store CONNECTED check", () => requireConnectedKeyStore(o.customKeyStoreId!, { forKeyCreation: true }));
  }
  const clusterId = origin === "AWS_CLOUDHSM" ? store!.cloudHsmClusterId : null;

  // Material without a row yet: the orphan sweep leaves it alone until the row is committed.
  const inFlight = markKeyMaterialInFlight(arn);
  try {
    return await createMaterialThenRow(o, { id, arn, store, clusterId, keySpec, keyUsage, origin, policy, tags });
  } finally {
    inFlight();
  }
}

async function createMaterialThenRow(
  o: CreateLocalKeyOptions,
  { id, arn, store, clusterId, keySpec, keyUsage, origin, policy, tags }: MaterialAndRow,
): Promise<KeyRecord> {
  // The HSM's work starts first; the quota is checked meanwhile (from memory unless the key count
  // changed: key-quota.ts). A key over the quota then has its fresh material destroyed before the error.
  const material = span("key material (HSM)", () => createKeyMaterial({ label: arn, clusterId }));
  const quota = checkKeyQuota();
  quota.catch(() => undefined); // awaited below; not unhandled if the material fails first
  await material.catch((e: unknown) => {
    // CreateKey does not model KMSInvalidStateException: a cluster that cannot take the key (no HSM
    // reachable, material not replicable) is a store-state failure here.
    if (isAppError(e) && e.code === "KMSInvalidStateException") throw new KmsError("CustomKeyStoreInvalidStateException", e.safeMessage);
    throw e;
  });
  try {
    await quota;
    const before = beforeKeyRow();
    const row = await span("KmsKey row + tags (one commit)", () =>
      insertKeyRow(
        {
          id,
          arn,
          description: o.description ?? "",
          keyUsage,
          keySpec,
          origin,
          state: "Enabled",
          customKeyStoreId: o.customKeyStoreId ?? null,
          cloudHsmClusterId: clusterId,
          keyMaterialLabel: arn,
          keyMaterialId: crypto.randomBytes(32).toString("hex"),
          xksKeyId: origin === "EXTERNAL_KEY_STORE" ? o.xksKeyId! : null,
          policy,
          createdByArn: o.callerArn,
        },
        tags,
      ),
    );
    keyRowInserted(before);
    return { ...row, customKeyStore: store };
  } catch (e) {
    await destroyKeyMaterial({ label: arn, clusterId }).catch(() => undefined);
    // Two CreateKey calls with the same external key at once: the (store, XksKeyId) unique index decides.
    if (origin === "EXTERNAL_KEY_STORE" && isUniqueViolation(e)) throw xksKeyInUse(o.xksKeyId!, o.customKeyStoreId!);
    throw e;
  }
}
