import "server-only";
import { createHsm } from "@/lib/server/hsm/clusters/create-hsm.ts";
import { hsmShape } from "@/lib/server/hsm/clusters/describe-clusters.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CLUSTER_ID, EXTERNAL_AZ, IP_ADDRESS } from "@/lib/server/kms-service/input/cloudhsm-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/**
 * CreateHsm (botocore cloudhsmv2 model): a new HSM (PKCS#11 token) in one of the cluster's AZs, with
 * every key of the cluster copied in. Answers when the HSM is ACTIVE (CloudHSM answers
 * CREATE_IN_PROGRESS and finishes later; here creating a token takes well under a second).
 */
export const createHsmOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const clusterId = r.string("ClusterId", { ...CLUSTER_ID, required: true });
  const availabilityZone = r.string("AvailabilityZone", { ...EXTERNAL_AZ, required: true });
  const ipAddress = r.string("IpAddress", IP_ADDRESS);
  r.finish();
  const hsm = await createHsm({ clusterId, availabilityZone, ipAddress });
  return { Hsm: hsmShape(hsm) };
};
