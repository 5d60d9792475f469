import "server-only";
import crypto from "node:crypto";

// AWS-shaped network identifiers for local clusters. VPC, subnet, security-group and ENI ids are hex
// in AWS (the CloudHSM model's patterns require it), unlike cluster/hsm/backup ids.

export function hexId(prefix: "vpc" | "subnet" | "sg" | "eni", length = 17): string {
  return `${prefix}-${crypto
    .randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length)}`;
}

/** Availability zones of a region for a local cluster: <region>a, <region>b, … */
export function defaultAvailabilityZones(region: string, count = 2): string[] {
  return Array.from({ length: count }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

const AZ = /^[a-z]{2}(-(gov))?-(east|west|north|south|central){1,2}-\d[a-z]$/;

export function isAvailabilityZone(az: string): boolean {
  return AZ.test(az);
}

/** One private subnet per AZ. */
export function subnetMappingFor(zones: string[]): Record<string, string> {
  return Object.fromEntries(zones.map((az) => [az, hexId("subnet")]));
}

/**
 * An ENI address in the AZ's subnet: subnet n (in mapping order) is 10.0.n.0/24; hosts .4–.254 are
 * usable (AWS reserves .0–.3 and .255). Avoids addresses already taken in the cluster.
 */
export function allocateEniIp(subnetMapping: Record<string, string>, az: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const candidates = usableEniIps(subnetMapping, az).filter((ip) => !used.has(ip));
  if (candidates.length === 0) throw new Error(`no free address in the subnet of ${az}`);
  return candidates[crypto.randomInt(candidates.length)]!;
}

/** The usable host addresses of the AZ's subnet (none when the cluster has no subnet there). */
export function usableEniIps(subnetMapping: Record<string, string>, az: string): string[] {
  const index = Object.keys(subnetMapping).indexOf(az);
  if (index < 0) return [];
  return Array.from({ length: 251 }, (_, i) => `10.0.${index}.${i + 4}`);
}
