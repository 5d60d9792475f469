"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster, toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { makeQueryClient } from "@/lib/queries/query-client.ts";

function showMutationError(error: unknown) {
  if (isApiError(error)) {
    toast({ tone: "error", title: "The request failed", description: error.message, requestId: error.requestId });
  } else {
    toast({ tone: "error", title: "The request failed", description: "An unexpected error occurred in the browser." });
  }
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
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
