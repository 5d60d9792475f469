import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, PENDING_WINDOW_IN_DAYS } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { scheduleKeyDeletion } from "@/lib/server/kms-service/keys/schedule-key-deletion.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const scheduleKeyDeletionOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const pendingWindowInDays = r.integer("PendingWindowInDays", PENDING_WINDOW_IN_DAYS);
  r.finish();
  const scheduled = await scheduleKeyDeletion({ scope: ctx, keyId, pendingWindowInDays });
  return {
    KeyId: scheduled.keyArn,
    DeletionDate: scheduled.deletionDate,
    KeyState: "PendingDeletion",
    PendingWindowInDays: scheduled.pendingWindowInDays,
  };
};
