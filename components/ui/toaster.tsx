"use client";

import { CheckCircle2, Info, X, XOctagon } from "lucide-react";
import { Toaster as Sonner, toast as sonner } from "sonner";
import { cn } from "@/lib/utils.ts";

// Toasts on sonner: they pause while hovered or focused, can be swiped or closed, are announced by a
// live region, and stack in the bottom-right corner. `toast({...})` from anywhere on the client,
// <Toaster /> once in the tree (components/providers.tsx).
export type ToastTone = "error" | "success" | "info";
export type ToastInput = {
  title: string;
  description?: string;
  /** An error's request id: the toast then stays until it is dismissed, so the id can be copied. */
  requestId?: string;
  /** The exception name, shown before the request ID. */
  code?: string;
  tone?: ToastTone;
  durationMs?: number;
  /** Replaces the toast with the same id (e.g. "Connecting…" with its outcome). */
  id?: string | number;
};

const icons = {
  error: <XOctagon className="text-destructive" aria-hidden />,
  success: <CheckCircle2 className="text-success" aria-hidden />,
  info: <Info className="text-info" aria-hidden />,
} satisfies Record<ToastTone, React.ReactNode>;

export function toast({ title, description, requestId, code, tone = "info", durationMs, id }: ToastInput): string | number {
  const body =
    description || requestId || code ? (
      <>
        {description ? <span className="block text-foreground">{description}</span> : null}
        {requestId || code ? (
          <span className="mt-1 block font-mono text-xs break-all text-muted-foreground">
            {[code, requestId ? `Request ID: ${requestId}` : undefined].filter(Boolean).join(" · ")}
          </span>
        ) : null}
      </>
    ) : undefined;
  const duration = durationMs ?? (tone === "error" ? (requestId ? Number.POSITIVE_INFINITY : 10_000) : 5_000);
  // Our own markup inside sonner's list item, so that an error is an alert (announced at once, and
  // found as one by assistive technology) with its dismiss button inside it; others are a status.
  return sonner.custom(
    (toastId) => (
      <div
        role={tone === "error" ? "alert" : "status"}
        className={cn(
          "pointer-events-auto relative flex w-full items-start gap-3 rounded-lg border-l-4 bg-card p-3.5 pr-10 text-sm shadow-popover",
          tone === "error" ? "border-destructive" : tone === "success" ? "border-success" : "border-info",
        )}
      >
        <span className="mt-0.5 shrink-0 [&>svg]:size-5">{icons[tone]}</span>
        <div className="min-w-0 flex-1">
          <div className="font-bold">{title}</div>
          {body ? <div className="mt-0.5">{body}</div> : null}
        </div>
        <button
          type="button"
          aria-label="Dismiss notification"
          onClick={() => sonner.dismiss(toastId)}
          className="absolute top-2.5 right-2.5 size-7 cursor-pointer rounded-full p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="size-4" aria-hidden />
        </button>
      </div>
    ),
    { id, duration },
  );
}

export function dismissToast(id: string | number): void {
  sonner.dismiss(id);
}

export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      visibleToasts={3}
      containerAriaLabel="Notifications"
      // Each toast fills the list: 26rem wide, and below 600 px the viewport between the mobile offsets
      // (app/globals.css: sonner's own rule there made the list wider than the page).
      style={{ "--width": "26rem" } as React.CSSProperties}
      // Every toast is our own markup (toast() above), so sonner adds no style of its own.
      toastOptions={{ unstyled: true }}
    />
  );
}
