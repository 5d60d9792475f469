import { Alert } from "@/components/ui/alert.tsx";
import { isApiError } from "@/lib/api-client.ts";

/** A failed request in place: the error code as title, the safe message, the request ID to report. */
export function ApiErrorAlert({ error, title, children }: { error: unknown; title?: string; children?: React.ReactNode }) {
  if (!error) return null;
  const api = isApiError(error) ? error : undefined;
  return (
    <Alert tone="error" title={title ?? api?.code ?? "The request failed"} data-testid="api-error">
      <p>{api ? api.message : "An unexpected error occurred in the browser."}</p>
      {children}
      {api?.requestId ? <p className="mt-1 font-mono text-xs text-muted-foreground">Request ID: {api.requestId}</p> : null}
    </Alert>
  );
}
