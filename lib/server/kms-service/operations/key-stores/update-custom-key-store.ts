import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CUSTOM_KEY_STORE_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import {
  CLOUD_HSM_CLUSTER_ID,
  CUSTOM_KEY_STORE_NAME,
  KEY_STORE_PASSWORD,
  XKS_MEMBERS,
} from "@/lib/server/kms-service/input/key-store-shapes.ts";
import { findKeyStore } from "@/lib/server/kms-service/key-stores/find-key-store.ts";
import { updateLocalKeyStore } from "@/lib/server/kms-service/key-stores/update-key-store.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";
import { updateXksKeyStoreById } from "@/lib/server/kms-service/key-stores/xks-key-store.ts";
import { refuseMembersValidOnlyFor } from "./custom-key-store-members.ts";
import { readXksMembers } from "./read-xks-members.ts";

/** UpdateCustomKeyStore (spec §4, §6.2). Answers {} ; DescribeCustomKeyStores shows the result. */
export const updateCustomKeyStore: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const customKeyStoreId = r.string("CustomKeyStoreId", { ...CUSTOM_KEY_STORE_ID, required: true });
  const newName = r.string("NewCustomKeyStoreName", CUSTOM_KEY_STORE_NAME);
  const keyStorePassword = r.string("KeyStorePassword", KEY_STORE_PASSWORD);
  const cloudHsmClusterId = r.string("CloudHsmClusterId", CLOUD_HSM_CLUSTER_ID);
  const { values } = readXksMembers(r);
  r.finish();

  // CustomKeyStoreNotFoundException first; then the members must suit the store's type.
  const store = await findKeyStore(customKeyStoreId);
  if (store.type === "EXTERNAL_KEY_STORE") {
    refuseMembersValidOnlyFor(r, input, ["CloudHsmClusterId", "KeyStorePassword"], "AWS_CLOUDHSM");
    r.finish();
    await updateXksKeyStoreById({ customKeyStoreId, requestId: ctx.requestId, newName, ...values });
    return {};
  }
  refuseMembersValidOnlyFor(r, input, XKS_MEMBERS, "EXTERNAL_KEY_STORE");
  r.finish();
  await updateLocalKeyStore({ customKeyStoreId, newName, keyStorePassword, cloudHsmClusterId });
  return {};
};
