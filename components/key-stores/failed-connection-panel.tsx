import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { Button } from "@/components/ui/button.tsx";
import { connectionErrorHelp, type EditField } from "@/lib/console/connection-errors.ts";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";
import type { ConnectionErrorCode, KeyStoreType } from "@/lib/schemas/key-stores.ts";

const EDIT_LABEL: Record<EditField, string> = {
  keyStorePassword: "kmsuser password",
  cloudHsmClusterId: "cluster ID",
  xksProxyUriEndpoint: "proxy URI endpoint",
  xksProxyUriPath: "proxy URI path",
  xksProxyAccessKeyId: "proxy credential",
  xksProxyVpcEndpointServiceName: "VPC endpoint service",
};

/** Codes whose fix is done to kmsuser in the cluster: their steps link to its section on the Clusters page. */
const KMSUSER_CODES = new Set<ConnectionErrorCode>(["USER_LOGGED_IN", "USER_LOCKED_OUT", "INVALID_CREDENTIALS"]);

/**
 * A failed connection's error code, its cause and the fix steps, with the step's actions at hand. It
 * stays after "Step 1: Disconnect" (the store is then DISCONNECTED, step 1 is done) until the store connects.
 */
export function FailedConnectionPanel({
  code,
  storeType,
  disconnected,
  onDisconnect,
  onEdit,
  editRule,
  clusterId,
}: {
  code: ConnectionErrorCode;
  storeType: KeyStoreType;
  /** The store is no longer FAILED: it was disconnected to apply the fix. */
  disconnected: boolean;
  onDisconnect: () => void;
  onEdit: (field: EditField) => void;
  /** Whether Edit can change that field now, and why not. */
  editRule: (field: EditField) => ActionRule;
  /** The store's cluster (CloudHSM key stores). */
  clusterId?: string;
}) {
  const help = connectionErrorHelp(code, storeType);
  return (
    <section
      aria-labelledby="failed-title"
      className="rounded-xl border-2 border-destructive bg-destructive-soft px-5 py-4"
      data-testid="failed-panel"
      data-disconnected={disconnected || undefined}
    >
      <h2 id="failed-title" className="text-base font-bold [overflow-wrap:anywhere]">
        {disconnected ? "The last connection failed" : "Connection failed"}: <span className="font-mono">{code}</span> — {help.title}
      </h2>
      <p className="mt-1 text-sm">
        <span className="font-bold">Cause. </span>
        {help.cause}
      </p>
      <p className="mt-3 text-sm font-bold">How to fix it</p>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
        {help.fix.map((step, i) => (
          <li key={step}>
            {step}
            {i === 0 && disconnected && step.startsWith("Disconnect") ? (
              <span className="ml-2 inline-flex items-center gap-1 font-bold text-success" data-testid="fix-step-done">
                <CircleCheck className="size-3.5" aria-hidden />
                Done
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap gap-2">
        {disconnected ? null : (
          <Button variant="normal" size="sm" onClick={onDisconnect}>
            Step 1: Disconnect
          </Button>
        )}
        {help.edit ? (
          <GuardedButton rule={editRule(help.edit)} variant="normal" size="sm" onClick={() => onEdit(help.edit!)}>
            Edit {EDIT_LABEL[help.edit]}
          </GuardedButton>
        ) : null}
        {clusterId && KMSUSER_CODES.has(code) ? (
          <Link
            href={`/clusters#kmsuser-${clusterId}`}
            className="self-center text-sm text-link underline underline-offset-2 hover:text-link-hover"
          >
            kmsuser on cluster {clusterId}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
