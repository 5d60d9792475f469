import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZMeResponse } from "@/lib/schemas/auth.ts";

export const meKeys = {
  all: ["me"] as const,
  current: () => [...meKeys.all, "current"] as const,
};

export function fetchMe(signal?: AbortSignal) {
  return apiFetch("/api/me", { schema: ZMeResponse, signal });
}

/** The signed-in user and backend; the console layout prefetches it, so it is there on first render. */
export function useMe() {
  return useQuery({ queryKey: meKeys.current(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}
