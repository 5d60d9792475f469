import { Button } from "@/components/ui/button.tsx";
import { CONNECTION_ERROR_HELP } from "@/lib/console/connection-errors.ts";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";

/** When a store is FAILED: the error code, its cause, and the fix steps, with the step's actions at hand. */
export function FailedConnectionPanel({
  code,
  onDisconnect,
  onEdit,
  canEditNow,
}: {
  code: ConnectionErrorCode;
  onDisconnect: () => void;
  onEdit: (field: "keyStorePassword" | "cloudHsmClusterId") => void;
  canEditNow: boolean;
}) {
  const help = CONNECTION_ERROR_HELP[code];
  return (
    <section
      aria-labelledby="failed-title"
      className="rounded-xl border-2 border-destructive bg-destructive-soft px-5 py-4"
      data-testid="failed-panel"
    >
      <h2 id="failed-title" className="text-base font-bold">
        Connection failed: <span className="font-mono">{code}</span> — {help.title}
      </h2>
      <p className="mt-1 text-sm">
        <span className="font-bold">Cause. </span>
        {help.cause}
      </p>
      <p className="mt-3 text-sm font-bold">How to fix it</p>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
        {help.fix.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button variant="normal" size="sm" onClick={onDisconnect}>
          Step 1: Disconnect
        </Button>
        {help.edit ? (
          <span title={canEditNow ? undefined : "Disconnect first: a key store can be edited only while disconnected."}>
            <Button variant="normal" size="sm" disabled={!canEditNow} onClick={() => onEdit(help.edit!)}>
              Edit {help.edit === "keyStorePassword" ? "kmsuser password" : "cluster ID"}
            </Button>
          </span>
        ) : null}
      </div>
    </section>
  );
}
