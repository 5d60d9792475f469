"use client";

import { KeyRound, LogIn, LogOut } from "lucide-react";
import { useState } from "react";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useKmsuserSession } from "@/lib/queries/clusters.ts";
import type { ClusterSummary, KmsuserState } from "@/lib/schemas/clusters.ts";
import { KmsuserPasswordDialog } from "./kmsuser-password-dialog.tsx";

function stateBadge(k: KmsuserState) {
  if (k.lockedOut) return <Badge tone="danger">Locked out</Badge>;
  if (k.loggedInBy === "kms") return <Badge tone="success">Logged in by KMS</Badge>;
  if (k.loggedInBy === "cli") return <Badge tone="warning">Logged in (CloudHSM CLI)</Badge>;
  return <Badge tone="neutral">Logged out</Badge>;
}

function explanation(k: KmsuserState, cluster: ClusterSummary): string {
  if (k.lockedOut) return "Five failed logins locked kmsuser out: KMS cannot connect (USER_LOCKED_OUT) until its password is set again.";
  if (k.loggedInBy === "kms")
    return `KMS holds the login for key store ${cluster.keyStore?.customKeyStoreName ?? ""} and has rotated the password to one only it knows. Disconnect the store to log in or change the password.`;
  if (k.loggedInBy === "cli")
    return "An administrator's session holds kmsuser: connecting a key store fails with USER_LOGGED_IN until kmsuser logs out.";
  const failed =
    k.failedLogins > 0 ? ` ${k.failedLogins} failed login${k.failedLogins === 1 ? "" : "s"} since the last success (five lock it).` : "";
  return `Nobody is logged in as kmsuser.${failed}`;
}

/** The kmsuser crypto user of a local cluster: its state and what an administrator does with the CloudHSM CLI. */
export function KmsuserPanel({ cluster, admin }: { cluster: ClusterSummary; admin: boolean }) {
  const [dialog, setDialog] = useState<"login" | "set" | null>(null);
  const session = useKmsuserSession();
  const k = cluster.kmsuser;
  if (!k) return null;
  const kmsHolds = k.loggedInBy === "kms";
  const adminOnly = { allowed: false as const, reason: "Only administrators act as the cluster's crypto officer." };
  const rule = (ok: boolean, reason: string) =>
    !admin ? adminOnly : ok ? { allowed: true as const } : { allowed: false as const, reason };
  const disconnectFirst = "KMS is logged in as kmsuser: disconnect the key store first.";
  return (
    <section id={`kmsuser-${cluster.clusterId}`} aria-label={`kmsuser on ${cluster.clusterId}`} className="mt-4 scroll-mt-20 border-t pt-3">
      <h4 className="flex flex-wrap items-center gap-2 text-sm font-bold">
        Crypto user <span className="font-mono">kmsuser</span>
        {stateBadge(k)}
      </h4>
      <p className="mt-1 text-sm text-muted-foreground">{explanation(k, cluster)}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <GuardedButton
          variant="normal"
          size="sm"
          rule={rule(
            !kmsHolds && k.loggedInBy !== "cli",
            kmsHolds ? disconnectFirst : "Log kmsuser out first: CloudHSM cannot change a logged-in user's password.",
          )}
          onClick={() => setDialog("set")}
        >
          <KeyRound aria-hidden />
          Set kmsuser password
        </GuardedButton>
        {k.loggedInBy === "cli" ? (
          <GuardedButton
            variant="normal"
            size="sm"
            rule={rule(!session.isPending, "Logging out…")}
            onClick={() =>
              session.mutate(
                { clusterId: cluster.clusterId },
                {
                  onSuccess: () => toast({ tone: "success", title: `kmsuser is logged out of ${cluster.clusterId}` }),
                  onError: (e) => toast({ tone: "error", title: "kmsuser was not logged out", description: e.message }),
                },
              )
            }
          >
            <LogOut aria-hidden />
            Log kmsuser out
          </GuardedButton>
        ) : (
          <GuardedButton
            variant="normal"
            size="sm"
            rule={rule(!kmsHolds && !k.lockedOut, kmsHolds ? disconnectFirst : "kmsuser is locked out: set its password first.")}
            onClick={() => setDialog("login")}
          >
            <LogIn aria-hidden />
            Log in as kmsuser
          </GuardedButton>
        )}
      </div>
      {dialog ? <KmsuserPasswordDialog cluster={cluster} mode={dialog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
