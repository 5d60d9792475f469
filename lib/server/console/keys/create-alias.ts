import "server-only";
import { CreateAliasCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { updateCachedKey } from "@/lib/server/console/key-cache/update-cached-key.ts";

export type CreateAliasOptions = { caller: Caller; keyId: string; /** Without the alias/ prefix. */ aliasName: string };

/**
 * CreateAlias alias/<name> → the key. A name in use (AlreadyExistsException), reserved
 * (NotAuthorizedException for alias/aws/), invalid, or over the 50-alias quota comes back beside the
 * alias field; a key pending deletion is refused with KMSInvalidStateException.
 */
export async function createAlias({ caller, keyId, aliasName }: CreateAliasOptions): Promise<{ aliasName: string }> {
  const kms = await kmsForCaller(caller);
  const name = `alias/${aliasName}`;
  await callAws(() => kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId })), {
    AlreadyExistsException: "aliasName",
    InvalidAliasNameException: "aliasName",
    NotAuthorizedException: "aliasName",
    ValidationException: "aliasName",
    LimitExceededException: "aliasName",
  });
  await updateCachedKey(kms, keyId);
  return { aliasName: name };
}
