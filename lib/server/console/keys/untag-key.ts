import "server-only";
import { UntagResourceCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type UntagKeyOptions = { caller: Caller; keyId: string; tagKeys: string[] };

/** UntagResource: removes tags by key (a key that is not there is ignored, as KMS does); not while pending deletion. */
export async function untagKey({ caller, keyId, tagKeys }: UntagKeyOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: tagKeys })), {
    TagException: "tagKeys",
    ValidationException: "tagKeys",
  });
}
