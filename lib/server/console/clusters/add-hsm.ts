import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { CreateHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import type { Hsm } from "@/lib/schemas/clusters.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { cloudHsmForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type AddHsmOptions = { caller: Caller; clusterId: string; availabilityZone: string };

/** CloudHSM CreateHsm in one of the cluster's Availability Zones. */
export async function addHsm({ caller, clusterId, availabilityZone }: AddHsmOptions): Promise<Hsm> {
  const client = await cloudHsmForCaller(caller);
  const { Hsm: hsm } = await callAws(
    () => client.send(new CreateHsmCommand({ ClusterId: clusterId, AvailabilityZone: availabilityZone })),
    {
      CloudHsmInvalidRequestException: "availabilityZone",
    },
  );
  await refreshAfterChange(caller);
  return {
    hsmId: hsm?.HsmId ?? "",
    availabilityZone: hsm?.AvailabilityZone ?? availabilityZone,
    state: hsm?.State ?? "CREATE_IN_PROGRESS",
    eniIp: hsm?.EniIp || undefined,
    subnetId: hsm?.SubnetId || undefined,
  };
}
