import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CUSTOM_KEY_STORE_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { CLOUD_HSM_CLUSTER_ID, CUSTOM_KEY_STORE_NAME, KEY_STORE_PASSWORD } from "@/lib/server/kms-service/input/key-store-shapes.ts";
import { findKeyStore } from "@/lib/server/kms-service/key-stores/find-key-store.ts";
import { updateLocalKeyStore } from "@/lib/server/kms-service/key-stores/update-key-store.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";
import { readXksMembers } from "./read-xks-members.ts";

/** UpdateCustomKeyStore (spec §4, §6.2). Answers {} ; DescribeCustomKeyStores shows the result. */
export const updateCustomKeyStore: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const customKeyStoreId = r.string("CustomKeyStoreId", { ...CUSTOM_KEY_STORE_ID, required: true });
  const newName = r.string("NewCustomKeyStoreName", CUSTOM_KEY_STORE_NAME);
  const keyStorePassword = r.string("KeyStorePassword", KEY_STORE_PASSWORD);
  const cloudHsmClusterId = r.string("CloudHsmClusterId", CLOUD_HSM_CLUSTER_ID);
  const xks = readXksMembers(r);
  r.finish();

  if (xks.length > 0) {
    // Every store here is AWS_CLOUDHSM (external ones cannot be created yet); CustomKeyStoreNotFound first.
    await findKeyStore(customKeyStoreId);
    for (const member of xks) {
      r.violation(
        `${member.charAt(0).toLowerCase()}${member.slice(1)}`,
        undefined,
        "Member is valid only for a custom key store of type EXTERNAL_KEY_STORE",
      );
    }
    r.finish();
  }
  await updateLocalKeyStore({ customKeyStoreId, newName, keyStorePassword, cloudHsmClusterId });
  return {};
};
