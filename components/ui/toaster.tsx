"use client";

import { CheckCircle2, Info, X, XOctagon } from "lucide-react";
import { useEffect, useSyncExternalStore, type ReactNode } from "react";
import { cn } from "@/lib/utils.ts";

// A tiny toast store: toast({...}) from anywhere on the client, <Toaster /> once in the tree.
export type ToastTone = "error" | "success" | "info";
export type ToastInput = { title: string; description?: string; requestId?: string; tone?: ToastTone; durationMs?: number };
type Toast = ToastInput & { id: number };

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function toast(input: ToastInput): number {
  const id = nextId++;
  // Keep the three most recent; a repeated identical message replaces the older copy.
  toasts = [...toasts.filter((t) => t.title !== input.title || t.description !== input.description), { ...input, id }].slice(-3);
  emit();
  return id;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const EMPTY: Toast[] = [];

const icons: Record<ToastTone, ReactNode> = {
  error: <XOctagon className="text-destructive" aria-hidden />,
  success: <CheckCircle2 className="text-success" aria-hidden />,
  info: <Info className="text-info" aria-hidden />,
};

function ToastItem({ t }: { t: Toast }) {
  const tone = t.tone ?? "info";
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(t.id), t.durationMs ?? (tone === "error" ? 10_000 : 5_000));
    return () => clearTimeout(timer);
  }, [t.id, t.durationMs, tone]);
  return (
    <li
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "pointer-events-auto flex w-full animate-toast-in gap-3 rounded-lg border-l-4 bg-card p-3.5 pr-2.5 shadow-popover [&>svg]:mt-0.5 [&>svg]:size-5 [&>svg]:shrink-0",
        tone === "error" ? "border-destructive" : tone === "success" ? "border-success" : "border-info",
      )}
    >
      {icons[tone]}
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-bold">{t.title}</p>
        {t.description ? <p className="mt-0.5 text-foreground">{t.description}</p> : null}
        {t.requestId ? <p className="mt-1 font-mono text-xs break-all text-muted-foreground">Request ID: {t.requestId}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(t.id)}
        className="size-7 shrink-0 cursor-pointer rounded-full p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground"
        aria-label="Dismiss notification"
      >
        <X className="size-4" aria-hidden />
      </button>
    </li>
  );
}

export function Toaster() {
  const list = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );
  return (
    <section aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-[100] w-[min(26rem,calc(100vw-2rem))]">
      <ol className="flex flex-col gap-2">
        {list.map((t) => (
          <ToastItem key={t.id} t={t} />
        ))}
      </ol>
    </section>
  );
}
