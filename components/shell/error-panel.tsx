import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { isApiError } from "@/lib/api-client.ts";

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
  const api = isApiError(error) ? error : undefined;
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-10 text-center" data-testid="error-panel">
      <span aria-hidden className="flex size-11 items-center justify-center rounded-full bg-destructive-soft text-destructive">
        <TriangleAlert className="size-5" />
      </span>
      <p className="mt-3 font-bold">{title}</p>
      <p className="mt-1 max-w-xl text-sm text-muted-foreground">{api ? api.message : "An unexpected error occurred in the browser."}</p>
      {api ? (
        <p className="mt-2 font-mono text-xs text-muted-foreground">
          {api.code}
          {api.requestId ? ` · Request ID: ${api.requestId}` : ""}
        </p>
      ) : null}
      {onRetry ? (
        <Button variant="normal" size="sm" className="mt-4" onClick={onRetry}>
          <RefreshCw aria-hidden />
          Try again
        </Button>
      ) : null}
    </div>
  );
}
