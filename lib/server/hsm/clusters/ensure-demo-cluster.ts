import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { writeKmsuserPasswordFile, writeTrustAnchorFile } from "./cluster-files.ts";
import { createCluster } from "./create-cluster.ts";
import { defaultAvailabilityZones } from "./network.ts";

// The demo cluster set-up creates once: two ACTIVE HSMs in <region>a and <region>b, its trust anchor in
// <dataDir>/clusters/<id>/customerCA.crt and its STARTING kmsuser password in …/kmsuser-password (0600), which
// is what the key-store wizard asks for (the first connect rotates it, as KMS does).

const DEMO_CLUSTER = "clusters.demo-cluster-id";

const inFlight = globalThis as unknown as { keyholdDemoCluster?: Promise<{ clusterId: string; created: boolean }> };

async function ensure(): Promise<{ clusterId: string; created: boolean }> {
  const setting = await db().setting.findUnique({ where: { key: DEMO_CLUSTER } });
  const existing = setting ? await db().cluster.findUnique({ where: { id: setting.value } }) : null;
  if (existing && existing.state !== "DELETED") {
    // The password file is not rewritten: after a connect the password is the one KMS rotated to,
    // which nobody else may learn (the file holds only the starting password).
    writeTrustAnchorFile(existing.id, existing.trustAnchorPem);
    return { clusterId: existing.id, created: false };
  }
  const zones = defaultAvailabilityZones(env().region);
  const created = await createCluster({ availabilityZones: zones, hsmAvailabilityZones: zones });
  writeTrustAnchorFile(created.clusterId, created.trustAnchorPem);
  writeKmsuserPasswordFile(created.clusterId, created.kmsuserPassword);
  await db().setting.upsert({
    where: { key: DEMO_CLUSTER },
    create: { key: DEMO_CLUSTER, value: created.clusterId },
    update: { value: created.clusterId },
  });
  return { clusterId: created.clusterId, created: true };
}

/** Idempotently creates the one demo cluster; returns its id and whether it was created now. */
export async function ensureDemoCluster(): Promise<{ clusterId: string; created: boolean }> {
  inFlight.keyholdDemoCluster ??= ensure().finally(() => {
    inFlight.keyholdDemoCluster = undefined;
  });
  return inFlight.keyholdDemoCluster;
}
