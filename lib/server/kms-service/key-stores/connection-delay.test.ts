// KEYHOLD_LOCAL_CONNECTION_DELAY_MS: connecting and disconnecting take the configured time, so callers
// (and the console's badges) really meet CONNECTING and DISCONNECTING, over HTTP with the real SDK.
import { vi } from "vitest";

const DELAY_MS = 600;
vi.hoisted(() => {
  process.env.KEYHOLD_LOCAL_CONNECTION_DELAY_MS = "600";
});

import { beforeAll, expect, it } from "vitest";
import { ConnectCustomKeyStoreCommand, CreateCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { createCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { useLocalKms, waitForConnectionState } from "@/test/local-kms-server.ts";

const service = useLocalKms("connection-delay");
let storeId: string;

beforeAll(async () => {
  const cluster = await createCluster({
    availabilityZones: ["us-east-1a", "us-east-1b"],
    hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
  });
  const created = await service.kms.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: "slow-store",
      CloudHsmClusterId: cluster.clusterId,
      TrustAnchorCertificate: cluster.trustAnchorPem,
      KeyStorePassword: cluster.kmsuserPassword,
    }),
  );
  storeId = created.CustomKeyStoreId!;
});

/** How long the store stays in `during` after `start`, until it reaches `after`. */
async function transition(start: () => Promise<unknown>, during: string, after: string): Promise<number> {
  const started = Date.now();
  await start();
  expect((await waitForConnectionState(service.kms, storeId, during, after)).ConnectionState).toBe(during);
  await waitForConnectionState(service.kms, storeId, after);
  return Date.now() - started;
}

it("connecting takes the configured time, then CONNECTED", async () => {
  const took = await transition(
    () => service.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId })),
    "CONNECTING",
    "CONNECTED",
  );
  expect(took).toBeGreaterThanOrEqual(DELAY_MS);
});

it("disconnecting takes the configured time, then DISCONNECTED", async () => {
  const took = await transition(
    () => service.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId })),
    "DISCONNECTING",
    "DISCONNECTED",
  );
  expect(took).toBeGreaterThanOrEqual(DELAY_MS);
});
