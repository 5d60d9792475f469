import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { cancelKeyDeletionOperation } from "./cancel-key-deletion.ts";
import { createAliasOperation } from "./create-alias.ts";
import { createKeyOperation } from "./create-key.ts";
import { deleteAliasOperation } from "./delete-alias.ts";
import { describeKeyOperation } from "./describe-key.ts";
import { disableKeyOperation } from "./disable-key.ts";
import { enableKeyOperation } from "./enable-key.ts";
import { getKeyPolicyOperation } from "./get-key-policy.ts";
import { getKeyRotationStatusOperation } from "./get-key-rotation-status.ts";
import { listAliasesOperation } from "./list-aliases.ts";
import { listKeysOperation } from "./list-keys.ts";
import { listResourceTagsOperation } from "./list-resource-tags.ts";
import { putKeyPolicyOperation } from "./put-key-policy.ts";
import { scheduleKeyDeletionOperation } from "./schedule-key-deletion.ts";
import { tagResourceOperation } from "./tag-resource.ts";
import { untagResourceOperation } from "./untag-resource.ts";
import { updateAliasOperation } from "./update-alias.ts";
import { updateKeyDescriptionOperation } from "./update-key-description.ts";

// The keys operations, one file each, keyed as in registry.ts.
export const keyOperations: OperationRegistry = {
  "kms:CreateKey": createKeyOperation,
  "kms:DescribeKey": describeKeyOperation,
  "kms:ListKeys": listKeysOperation,
  "kms:EnableKey": enableKeyOperation,
  "kms:DisableKey": disableKeyOperation,
  "kms:ScheduleKeyDeletion": scheduleKeyDeletionOperation,
  "kms:CancelKeyDeletion": cancelKeyDeletionOperation,
  "kms:UpdateKeyDescription": updateKeyDescriptionOperation,
  "kms:CreateAlias": createAliasOperation,
  "kms:UpdateAlias": updateAliasOperation,
  "kms:DeleteAlias": deleteAliasOperation,
  "kms:ListAliases": listAliasesOperation,
  "kms:TagResource": tagResourceOperation,
  "kms:UntagResource": untagResourceOperation,
  "kms:ListResourceTags": listResourceTagsOperation,
  "kms:GetKeyPolicy": getKeyPolicyOperation,
  "kms:PutKeyPolicy": putKeyPolicyOperation,
  "kms:GetKeyRotationStatus": getKeyRotationStatusOperation,
};
