import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { uuid } from "@/lib/server/platform/ids.ts";

export type StatusChangeInput = {
  subjectType: "KEY_STORE" | "CLUSTER" | "HSM";
  subjectId: string;
  clusterId: string | null;
  fromState: string | null;
  toState: string | null;
  errorCode: string | null;
  at: Date;
};

/** One history row: a store's connection state, a cluster's state, or an HSM added, changed or removed. */
export async function recordStatusChange(c: StatusChangeInput): Promise<void> {
  await db().statusChange.create({ data: { id: uuid(), ...c } });
}
