import "server-only";
import { DescribeClustersCommand, type CloudHSMV2Client, type Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { cloudHsmForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

/** Every CloudHSM cluster of the account and Region (DescribeClusters, all pages). */
export async function describeAllClusters(caller: Caller): Promise<Cluster[]> {
  return describeClustersWith(await cloudHsmForCaller(caller));
}

/** Every CloudHSM cluster, through the given client (the status poller's own). */
export async function describeClustersWith(client: CloudHSMV2Client): Promise<Cluster[]> {
  const clusters: Cluster[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws(() => client.send(new DescribeClustersCommand({ NextToken: nextToken, MaxResults: 25 })));
    clusters.push(...(page.Clusters ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return clusters.filter((c) => c.State !== "DELETED");
}
