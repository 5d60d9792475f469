import "server-only";
import crypto from "node:crypto";
import type { Cluster } from "@/lib/generated/prisma-sqlite/client.ts";
import { openSealed, openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";

// A cluster's secrets, sealed with the master key and bound to the cluster id (a sealed value cannot
// be moved to another row): the kmsuser password (= every HSM token's user PIN), the SO PIN (the
// "crypto officer"), and the 256-bit cluster wrapping key that every HSM holds as its trusted key.

export type ClusterSecrets = { kmsuserPassword: string; soPin: string; wrapKey: Buffer };

const context = (clusterId: string, name: string) => `cluster:${clusterId}:${name}`;

export function sealClusterSecrets(clusterId: string, s: ClusterSecrets) {
  return {
    kmsuserPasswordSealed: sealKmsuserPassword(clusterId, s.kmsuserPassword),
    soPinSealed: seal(s.soPin, context(clusterId, "so-pin")),
    wrapKeySealed: seal(s.wrapKey, context(clusterId, "wrap-key")),
  };
}

export function sealKmsuserPassword(clusterId: string, password: string): string {
  return seal(password, context(clusterId, "kmsuser-password"));
}

type SealedColumns = Pick<Cluster, "id" | "kmsuserPasswordSealed" | "soPinSealed" | "wrapKeySealed">;

export function kmsuserPassword(cluster: Pick<Cluster, "id" | "kmsuserPasswordSealed">): string {
  return openSealedText(cluster.kmsuserPasswordSealed, context(cluster.id, "kmsuser-password"));
}

export function soPin(cluster: Pick<Cluster, "id" | "soPinSealed">): string {
  return openSealedText(cluster.soPinSealed, context(cluster.id, "so-pin"));
}

export function openClusterSecrets(cluster: SealedColumns): ClusterSecrets {
  return {
    kmsuserPassword: kmsuserPassword(cluster),
    soPin: soPin(cluster),
    wrapKey: openSealed(cluster.wrapKeySealed, context(cluster.id, "wrap-key")),
  };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random alphanumeric secret (kmsuser passwords must be 7–32 alphanumeric characters). */
export function randomAlphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[crypto.randomInt(ALPHANUMERIC.length)]).join("");
}

export const KMSUSER_PASSWORD = /^[A-Za-z0-9]{7,32}$/;
