import "server-only";
import { deleteHsm } from "@/lib/server/hsm/clusters/delete-hsm.ts";
import { findHsm } from "@/lib/server/kms-service/cloudhsm/find-hsm.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CLUSTER_ID, ENI_ID, HSM_ID, IP_ADDRESS } from "@/lib/server/kms-service/input/cloudhsm-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/**
 * DeleteHsm (botocore cloudhsmv2 model): ClusterId and one of HsmId, EniId, EniIp. The HSM's token is
 * destroyed (a backup is taken first, as CloudHSM does). Answers { HsmId }.
 */
export const deleteHsmOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const clusterId = r.string("ClusterId", { ...CLUSTER_ID, required: true });
  const hsmId = r.string("HsmId", HSM_ID);
  const eniId = r.string("EniId", ENI_ID);
  const eniIp = r.string("EniIp", IP_ADDRESS);
  r.finish();
  const hsm = await findHsm({ clusterId, hsmId, eniId, eniIp });
  const deleted = await deleteHsm({ clusterId: hsm.clusterId, hsmId: hsm.id });
  return { HsmId: deleted.id };
};
