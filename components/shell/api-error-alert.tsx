import { Alert } from "@/components/ui/alert.tsx";
import { describeError, errorCodeLine } from "@/lib/console/error-display.ts";

/** An error in words, then the server's message when it adds something, then the exception name and request ID. */
export function ErrorText({ error }: { error: unknown }) {
  const d = describeError(error);
  const line = errorCodeLine(d);
  return (
    <>
      <p>{d.text}</p>
      {d.detail ? <p className="mt-1 font-mono text-xs [overflow-wrap:anywhere]">{d.detail}</p> : null}
      {line ? (
        <p className="mt-1 font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground" data-testid="error-code">
          {line}
        </p>
      ) : null}
    </>
  );
}

/** A failed request in place: a title, then the error as ErrorText says it. */
export function ApiErrorAlert({ error, title, children }: { error: unknown; title?: string; children?: React.ReactNode }) {
  if (!error) return null;
  return (
    <Alert tone="error" title={title ?? "The request failed"} data-testid="api-error">
      <ErrorText error={error} />
      {children}
    </Alert>
  );
}
