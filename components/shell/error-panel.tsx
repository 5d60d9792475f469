import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { describeError, errorCodeLine } from "@/lib/console/error-display.ts";

/** A failed load: the safe message, the error code and the request ID to report, and Try again. */
export function ErrorPanel({
  error,
  title = "This could not be loaded",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const d = describeError(error);
  const line = errorCodeLine(d);
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-10 text-center" data-testid="error-panel">
      <span aria-hidden className="flex size-11 items-center justify-center rounded-full bg-destructive-soft text-destructive">
        <TriangleAlert className="size-5" />
      </span>
      <p className="mt-3 font-bold">{title}</p>
      <p className="mt-1 max-w-xl text-sm text-muted-foreground">{d.text}</p>
      {line ? <p className="mt-2 font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground">{line}</p> : null}
      {onRetry ? (
        <Button variant="normal" size="sm" className="mt-4" onClick={onRetry}>
          <RefreshCw aria-hidden />
          Try again
        </Button>
      ) : null}
    </div>
  );
}
