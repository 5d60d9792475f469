import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import {
  CLOUD_HSM_CLUSTER_ID,
  CUSTOM_KEY_STORE_NAME,
  CUSTOM_KEY_STORE_TYPE,
  KEY_STORE_PASSWORD,
  TRUST_ANCHOR_CERTIFICATE,
  XKS_MEMBERS,
} from "@/lib/server/kms-service/input/key-store-shapes.ts";
import { createLocalKeyStore } from "@/lib/server/kms-service/key-stores/create-key-store.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";
import { createXksKeyStore } from "@/lib/server/kms-service/key-stores/xks-key-store.ts";
import { refuseMembersValidOnlyFor } from "./custom-key-store-members.ts";
import { readXksMembers, wireName } from "./read-xks-members.ts";

/** CreateCustomKeyStore (spec §4): AWS_CLOUDHSM and EXTERNAL_KEY_STORE stores. */
export const createCustomKeyStore: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const name = r.string("CustomKeyStoreName", { ...CUSTOM_KEY_STORE_NAME, required: true });
  const clusterId = r.string("CloudHsmClusterId", CLOUD_HSM_CLUSTER_ID);
  const trustAnchor = r.string("TrustAnchorCertificate", TRUST_ANCHOR_CERTIFICATE);
  const password = r.string("KeyStorePassword", KEY_STORE_PASSWORD);
  const type = r.string("CustomKeyStoreType", { enum: CUSTOM_KEY_STORE_TYPE }) ?? "AWS_CLOUDHSM";
  const { values } = readXksMembers(r);
  r.finish();
  if (type === "EXTERNAL_KEY_STORE") {
    // Required "for custom key stores with a CustomKeyStoreType of EXTERNAL_KEY_STORE" (member docs).
    const forXks = "Member must not be null for a custom key store of type EXTERNAL_KEY_STORE";
    for (const member of ["XksProxyConnectivity", "XksProxyUriEndpoint", "XksProxyUriPath", "XksProxyAuthenticationCredential"]) {
      if (input[member] === undefined || input[member] === null) r.violation(wireName(member), null, forXks);
    }
    if (values.connectivity === "VPC_ENDPOINT_SERVICE" && values.vpcEndpointServiceName === undefined) {
      r.violation("xksProxyVpcEndpointServiceName", null, "Member must not be null when XksProxyConnectivity is VPC_ENDPOINT_SERVICE");
    }
    if (values.connectivity === "PUBLIC_ENDPOINT") {
      for (const member of ["XksProxyVpcEndpointServiceName", "XksProxyVpcEndpointServiceOwner"]) {
        if (input[member] !== undefined)
          r.violation(wireName(member), undefined, "Member is valid only when XksProxyConnectivity is VPC_ENDPOINT_SERVICE");
      }
    }
    refuseMembersValidOnlyFor(r, input, ["CloudHsmClusterId", "TrustAnchorCertificate", "KeyStorePassword"], "AWS_CLOUDHSM");
    r.finish();
    return {
      CustomKeyStoreId: (
        await createXksKeyStore({
          name,
          requestId: ctx.requestId,
          settings: {
            connectivity: values.connectivity!,
            uriEndpoint: values.uriEndpoint!,
            uriPath: values.uriPath!,
            vpcEndpointServiceName: values.vpcEndpointServiceName,
            vpcEndpointServiceOwner: values.vpcEndpointServiceOwner,
            accessKeyId: values.credential!.accessKeyId,
            secretAccessKey: values.credential!.secretAccessKey,
          },
        })
      ).customKeyStoreId,
    };
  }

  // Required "for custom key stores with CustomKeyStoreType of AWS_CLOUDHSM" (member docs); the model
  // cannot say so, the service does.
  const why = "Member must not be null for a custom key store of type AWS_CLOUDHSM";
  for (const [member, value] of [
    ["cloudHsmClusterId", input.CloudHsmClusterId],
    ["trustAnchorCertificate", input.TrustAnchorCertificate],
    ["keyStorePassword", input.KeyStorePassword],
  ] as const) {
    if (value === undefined || value === null) r.violation(member, null, why);
  }
  refuseMembersValidOnlyFor(r, input, XKS_MEMBERS, "EXTERNAL_KEY_STORE");
  r.finish();

  // Present: the loop above reported them missing, and finish() threw.
  const { customKeyStoreId } = await createLocalKeyStore({
    name,
    cloudHsmClusterId: clusterId!,
    trustAnchorCertificate: trustAnchor!,
    keyStorePassword: password!,
  });
  return { CustomKeyStoreId: customKeyStoreId };
};
