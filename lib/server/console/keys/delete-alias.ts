import "server-only";
import { DeleteAliasCommand, DescribeKeyCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import { AppError } from "@/lib/server/platform/errors.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { updateCachedKey } from "@/lib/server/console/key-cache/update-cached-key.ts";

export type DeleteAliasOptions = { caller: Caller; keyId: string; /** The full name, alias/…. */ aliasName: string };

/**
 * DeleteAlias, once the alias is known to point at this key (DeleteAlias itself takes only the name,
 * so a route under one key must not delete another key's alias). Allowed in every key state.
 */
export async function deleteAlias({ caller, keyId, aliasName }: DeleteAliasOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  const { KeyMetadata: m } = await callAws(() => kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListAliasesCommand({ KeyId: m?.KeyId ?? keyId, Marker: marker, Limit: 100 })));
    names.push(...(page.Aliases ?? []).map((a) => a.AliasName ?? ""));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  if (!names.includes(aliasName)) {
    throw new AppError({
      code: "NotFoundException",
      safeMessage: `The key ${m?.KeyId ?? keyId} has no alias ${aliasName}.`,
      fields: { aliasName: `The key has no alias ${aliasName}.` },
    });
  }
  await callAws(() => kms.send(new DeleteAliasCommand({ AliasName: aliasName })));
  await updateCachedKey(kms, m?.KeyId ?? keyId);
}
