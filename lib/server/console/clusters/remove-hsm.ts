import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { DeleteHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { cloudHsmForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type RemoveHsmOptions = { caller: Caller; clusterId: string; hsmId: string };

/** CloudHSM DeleteHsm. Key material stays on the cluster's other HSMs and in its backups. */
export async function removeHsm({ caller, clusterId, hsmId }: RemoveHsmOptions): Promise<string> {
  const client = await cloudHsmForCaller(caller);
  const { HsmId } = await callAws(() => client.send(new DeleteHsmCommand({ ClusterId: clusterId, HsmId: hsmId })));
  await refreshAfterChange(caller);
  return HsmId ?? hsmId;
}
