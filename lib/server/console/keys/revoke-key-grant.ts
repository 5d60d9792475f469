import "server-only";
import { RevokeGrantCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type RevokeKeyGrantOptions = { caller: Caller; keyId: string; grantId: string };

/** RevokeGrant: the grant's permissions end at once; KMS's errors (AccessDenied, NotFound, …) are shown as they come. */
export async function revokeKeyGrant({ caller, keyId, grantId }: RevokeKeyGrantOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grantId })));
}
