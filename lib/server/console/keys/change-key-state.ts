import "server-only";
import {
  CancelKeyDeletionCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import { ZKeyState, type KeyState } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { updateCachedKey } from "@/lib/server/console/key-cache/update-cached-key.ts";

export type KeyStateChange =
  | { action: "enable" }
  | { action: "disable" }
  | { action: "schedule-deletion"; pendingWindowInDays: number }
  | { action: "cancel-deletion" };

export type ChangeKeyStateOptions = { caller: Caller; keyId: string; change: KeyStateChange };

/**
 * EnableKey, DisableKey, ScheduleKeyDeletion or CancelKeyDeletion, then the key's state as KMS now
 * reports it (an Unavailable key stays Unavailable after Enable/Disable until its store reconnects).
 */
export async function changeKeyState({ caller, keyId, change }: ChangeKeyStateOptions): Promise<{ keyId: string; keyState?: KeyState }> {
  const kms = await kmsForCaller(caller);
  switch (change.action) {
    case "enable":
      await callAws(() => kms.send(new EnableKeyCommand({ KeyId: keyId })));
      break;
    case "disable":
      await callAws(() => kms.send(new DisableKeyCommand({ KeyId: keyId })));
      break;
    case "schedule-deletion":
      await callAws(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: change.pendingWindowInDays })), {
        ValidationException: "pendingWindowInDays",
      });
      break;
    case "cancel-deletion":
      await callAws(() => kms.send(new CancelKeyDeletionCommand({ KeyId: keyId })));
      break;
  }
  await updateCachedKey(kms, keyId);
  const { KeyMetadata: m } = await callAws(() => kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  const state = ZKeyState.safeParse(m?.KeyState);
  return { keyId: m?.KeyId ?? keyId, keyState: state.success ? state.data : undefined };
}
