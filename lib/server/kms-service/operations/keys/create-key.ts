import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import {
  CUSTOMER_MASTER_KEY_SPEC,
  CUSTOM_KEY_STORE_ID,
  DESCRIPTION,
  KEY_SPEC,
  KEY_USAGE,
  ORIGIN,
  POLICY,
  XKS_KEY_ID,
  readTags,
} from "@/lib/server/kms-service/input/kms-shapes.ts";
import { createLocalKey } from "@/lib/server/kms-service/keys/create-key.ts";
import { keyMetadata } from "@/lib/server/kms-service/keys/key-metadata.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const createKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const options = {
    policy: r.string("Policy", POLICY),
    description: r.string("Description", DESCRIPTION),
    keyUsage: r.string("KeyUsage", { enum: KEY_USAGE }),
    customerMasterKeySpec: r.string("CustomerMasterKeySpec", { enum: CUSTOMER_MASTER_KEY_SPEC }),
    keySpec: r.string("KeySpec", { enum: KEY_SPEC }),
    origin: r.string("Origin", { enum: ORIGIN }),
    customKeyStoreId: r.string("CustomKeyStoreId", CUSTOM_KEY_STORE_ID),
    bypassPolicyLockoutSafetyCheck: r.boolean("BypassPolicyLockoutSafetyCheck"),
    tags: readTags(r),
    multiRegion: r.boolean("MultiRegion"),
    xksKeyId: r.string("XksKeyId", XKS_KEY_ID),
  };
  r.finish();
  const key = await createLocalKey({ scope: ctx, callerArn: ctx.principalArn, requestId: ctx.requestId, ...options });
  return { KeyMetadata: keyMetadata(key) };
};
