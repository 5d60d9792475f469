import "server-only";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { listClusterKeyLabels } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { listKeyLabels } from "@/lib/server/hsm/keys.ts";
import { recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { db } from "@/lib/server/platform/db.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { destroyKeyMaterial, type KeyMaterialHome } from "./key-material.ts";

// Key material that no KMS key refers to. CreateKey makes the material first and then the key's row; a
// crash between the two (kill -9, power loss) leaves material that nothing will ever use or delete.
// Such material is provably unused when, in this order:
//   1. the labels are listed (default token; clusters whose key store is CONNECTED, so kmsuser is logged
//      in and no password is tried),
//   2. no KmsKey row names the label (keyMaterialLabel or arn), read after the listing,
//   3. and no CreateKey of this process is between making the material and committing its row.
// Only one process opens the tokens (data/hsm.lock), so (3) covers every CreateKey that could be in
// flight: a CreateKey that made the material before (1) either committed its row before (2), or is still
// registered at (3). Only labels shaped like a key ARN are considered.

const KEY_ARN_LABEL = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;

// On globalThis: Next bundles server code into several layers, and server.ts loads its own copy.
const holder = globalThis as unknown as { keyholdKeysBeingCreated?: Map<string, number> };
const beingCreated = (): Map<string, number> => (holder.keyholdKeysBeingCreated ??= new Map());

/** CreateKey: marks a label whose material may exist before its row does; release once the row is committed (or given up). */
export function markKeyMaterialInFlight(label: string): () => void {
  const map = beingCreated();
  map.set(label, (map.get(label) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (map.get(label) ?? 1) - 1;
    if (left > 0) map.set(label, left);
    else map.delete(label);
  };
}

export type RemovedOrphan = { label: string; home: string; deletedFrom: string[]; failed: string[] };

/** Finds and destroys key material that no KMS key refers to; audits each removal. */
export async function sweepOrphanedKeyMaterial(): Promise<RemovedOrphan[]> {
  const homes: { home: KeyMaterialHome["clusterId"]; name: string; labels: string[] }[] = [];
  // (1) the listing
  const { created } = await ensureDefaultToken();
  if (!created) homes.push({ home: null, name: DEFAULT_TOKEN_LABEL, labels: listKeyLabels(DEFAULT_TOKEN_LABEL) });
  const connected = await db().customKeyStore.findMany({
    where: { connectionState: "CONNECTED", cloudHsmClusterId: { not: null } },
    select: { cloudHsmClusterId: true },
  });
  for (const clusterId of new Set(connected.map((s) => s.cloudHsmClusterId!))) {
    const hsms = await listClusterKeyLabels({ clusterId });
    const labels = new Set(hsms.flatMap((h) => h.labels ?? []));
    homes.push({ home: clusterId, name: clusterId, labels: [...labels] });
  }
  const candidates = [...new Set(homes.flatMap((h) => h.labels.filter((l) => KEY_ARN_LABEL.test(l))))];
  if (candidates.length === 0) return [];
  // (2) the rows, read after the listing
  const rows = await db().kmsKey.findMany({
    where: { OR: [{ keyMaterialLabel: { in: candidates } }, { arn: { in: candidates } }] },
    select: { keyMaterialLabel: true, arn: true },
  });
  const used = new Set(rows.flatMap((r) => [r.keyMaterialLabel, r.arn]));
  const removed: RemovedOrphan[] = [];
  for (const { home, name, labels } of homes) {
    for (const label of labels) {
      // (3) no CreateKey in flight for it
      if (!KEY_ARN_LABEL.test(label) || used.has(label) || beingCreated().has(label)) continue;
      const result = await destroyKeyMaterial({ label, clusterId: home });
      removed.push({ label, home: name, deletedFrom: result.deletedFrom, failed: result.failed });
      await recordAuditEvent({
        eventSource: "keyhold.local-service",
        eventName: "RemoveOrphanedKeyMaterial",
        requestId: uuid(),
        requestParameters: { label, home: name, reason: "No KMS key refers to this key material." },
        resources: home ? [home] : null,
        errorCode: result.failed.length > 0 ? "PartialFailure" : null,
      });
    }
  }
  return removed;
}
