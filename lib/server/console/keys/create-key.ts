import "server-only";
import { CreateAliasCommand, CreateKeyCommand, ListAliasesCommand, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import type { CreateKeyRequest } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { updateCachedKey } from "@/lib/server/console/key-cache/update-cached-key.ts";
import { AppError, isAppError } from "@/lib/server/platform/errors.ts";

export type CreateKeyOptions = { caller: Caller; request: CreateKeyRequest };

/** Which wizard field each CreateKey error is about. */
const FIELD_OF_ERROR: Record<string, string> = {
  MalformedPolicyDocumentException: "policy",
  LimitExceededException: "policy",
  TagException: "tags",
  CustomKeyStoreNotFoundException: "customKeyStoreId",
  CustomKeyStoreInvalidStateException: "customKeyStoreId",
  CloudHsmClusterInvalidConfigurationException: "customKeyStoreId",
  XksKeyNotFoundException: "xksKeyId",
  XksKeyInvalidConfigurationException: "xksKeyId",
  XksKeyAlreadyInUseException: "xksKeyId",
};

function aliasTaken(alias: string): AppError {
  const message = `The alias alias/${alias} is already used by another key in this account and Region. Choose another alias.`;
  return new AppError({ code: "AlreadyExistsException", safeMessage: message, fields: { alias: message } });
}

/**
 * The key-creation wizard's Finish: checks that the alias is free first (ListAliases), then CreateKey
 * with the reviewed policy, description and tags, then CreateAlias. If the alias is taken in the
 * meantime, the new key is scheduled for deletion at once (7 days, the minimum), so a failed wizard
 * leaves no usable half-made key behind, and the error says so.
 */
export async function createKey({ caller, request }: CreateKeyOptions): Promise<{ keyId: string; arn: string }> {
  const kms = await kmsForCaller(caller);
  const aliasName = `alias/${request.alias}`;
  const existing = await callAws(() => kms.send(new ListAliasesCommand({ Limit: 100 })));
  // ListAliases pages; a full scan is cheap next to creating a key in an HSM.
  let marker = existing.Truncated ? existing.NextMarker : undefined;
  const names = new Set((existing.Aliases ?? []).map((a) => a.AliasName));
  while (marker) {
    const page = await callAws(() => kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker })));
    for (const a of page.Aliases ?? []) names.add(a.AliasName);
    marker = page.Truncated ? page.NextMarker : undefined;
  }
  if (names.has(aliasName)) throw aliasTaken(request.alias);

  const custom = request.origin !== "AWS_KMS";
  const { KeyMetadata: m } = await callAws(
    () =>
      kms.send(
        new CreateKeyCommand({
          KeySpec: "SYMMETRIC_DEFAULT",
          KeyUsage: "ENCRYPT_DECRYPT",
          Origin: request.origin,
          CustomKeyStoreId: custom ? request.customKeyStoreId : undefined,
          XksKeyId: request.origin === "EXTERNAL_KEY_STORE" ? request.xksKeyId : undefined,
          Description: request.description || undefined,
          Policy: request.policy,
          Tags: request.tags.length > 0 ? request.tags.map((t) => ({ TagKey: t.tagKey, TagValue: t.tagValue })) : undefined,
        }),
      ),
    FIELD_OF_ERROR,
  );
  const keyId = m!.KeyId!;
  try {
    await callAws(() => kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId })));
  } catch (e) {
    // Best effort: the alias error is what the user must see, whether or not the clean-up worked.
    await callAws(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))).catch(() => undefined);
    const name = isAppError(e) ? e.code : "AliasFailed";
    const message = `The key was created but its alias could not be set (${name}), so the key ${keyId} was scheduled for deletion. Choose another alias and try again.`;
    throw new AppError({
      code: name,
      safeMessage: message,
      fields: { alias: message },
      cause: e,
    });
  } finally {
    await updateCachedKey(kms, keyId); // the keys table shows it at once (or its scheduled deletion)
  }
  return { keyId, arn: m!.Arn ?? "" };
}
