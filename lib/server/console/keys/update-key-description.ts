import "server-only";
import { UpdateKeyDescriptionCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { updateCachedKey } from "@/lib/server/console/key-cache/update-cached-key.ts";

export type UpdateKeyDescriptionOptions = { caller: Caller; keyId: string; description: string };

/** UpdateKeyDescription (an empty description clears it); not while pending deletion. */
export async function updateKeyDescription({ caller, keyId, description }: UpdateKeyDescriptionOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: description })), {
    ValidationException: "description",
  });
  await updateCachedKey(kms, keyId);
}
