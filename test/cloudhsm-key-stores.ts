// CloudHSM key stores for integration tests that drive the real local service over HTTP (useLocalKms):
// a new cluster with two HSMs in two zones and a store on it, and connect / disconnect that wait for
// the connection state machine to settle, as an administrator watching DescribeCustomKeyStores would.
import { ConnectCustomKeyStoreCommand, CreateCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { createCluster, type CreatedCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { waitForConnectionState, type LocalKms } from "./local-kms-server.ts";

export const TWO_ZONES = ["us-east-1a", "us-east-1b"];

export function cloudHsmKeyStores(service: LocalKms) {
  const connect = (id: string) => service.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  const disconnect = (id: string) => service.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return {
    connect,
    disconnect,
    /** A fresh cluster and a store on it; `password` replaces the cluster's kmsuser password (e.g. a wrong one). */
    async newStore(name: string, options: { password?: string } = {}): Promise<{ id: string; cluster: CreatedCluster }> {
      const cluster = await createCluster({ hsmAvailabilityZones: TWO_ZONES });
      const { CustomKeyStoreId } = await service.kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: name,
          CloudHsmClusterId: cluster.clusterId,
          TrustAnchorCertificate: cluster.trustAnchorPem,
          KeyStorePassword: options.password ?? cluster.kmsuserPassword,
        }),
      );
      return { id: CustomKeyStoreId!, cluster };
    },
    /** Connects and waits until the store is CONNECTED or FAILED; returns its DescribeCustomKeyStores entry. */
    async connectAndWait(id: string) {
      await connect(id);
      return waitForConnectionState(service.kms, id, "CONNECTED", "FAILED");
    },
    async disconnectAndWait(id: string) {
      await disconnect(id);
      return waitForConnectionState(service.kms, id, "DISCONNECTED");
    },
  };
}
