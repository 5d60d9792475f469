"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster, toast } from "@/components/ui/toaster.tsx";
import { TooltipProvider } from "@/components/ui/tooltip.tsx";
import { describeError } from "@/lib/console/error-display.ts";
import { makeQueryClient } from "@/lib/queries/query-client.ts";

function showMutationError(error: unknown) {
  // Friendly text, then the exception name and the request ID (the same order as every error in the console).
  const d = describeError(error);
  toast({ tone: "error", title: "The request failed", description: d.text, code: d.code, requestId: d.requestId });
}

function goToSignIn() {
  const here = window.location.pathname + window.location.search;
  // A full page load: the expired session's cached queries must not survive into the sign-in page.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  if (!window.location.pathname.startsWith("/login")) window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

/** App-wide client providers: React Query (with the one global mutation-error toast) and the toaster. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => makeQueryClient({ onMutationError: showMutationError, onUnauthenticated: goToSignIn }));
  return (
    <QueryClientProvider client={queryClient}>
      <TooltipProvider delayDuration={300}>
        {children}
        <Toaster />
      </TooltipProvider>
    </QueryClientProvider>
  );
}
