import "server-only";
import type { ServiceScope } from "@/lib/server/kms-service/keys/key-arn.ts";

// Who is asking, as the key-policy evaluation needs it. The OperationContext every operation gets
// satisfies CallerScope, so domain functions take their `scope` as one and pass it to authorisation.

/** The signed-in caller: an IAM-style user ARN of the service's account and its console role (our IAM). */
export type Caller = { principalArn: string; accountId: string; role?: string };

/** The service's Region and account plus the caller: what a key operation's domain function receives. */
export type CallerScope = ServiceScope & Caller;

/** A KMS permission as key policies and grants name it: "kms:Encrypt", "kms:ReEncryptFrom", … */
export type KmsAction = `kms:${string}`;
