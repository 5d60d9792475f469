import "server-only";
import { PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type PutKeyPolicyOptions = { caller: Caller; keyId: string; policy: string };

/** PutKeyPolicy (the "default" policy); KMS's syntax and lockout checks come back beside the editor. */
export async function putKeyPolicy({ caller, keyId, policy }: PutKeyPolicyOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy: policy })), {
    MalformedPolicyDocumentException: "policy",
    LimitExceededException: "policy",
  });
}
