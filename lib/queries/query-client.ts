import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/lib/api-client.ts";

declare module "@tanstack/react-query" {
  interface Register {
    /** meta.toast === false: the mutation shows its own error (e.g. beside a form), no global toast. */
    mutationMeta: { toast?: boolean };
  }
}

export type QueryClientHooks = {
  /** Called once per failed mutation that did not opt out of the global toast. */
  onMutationError?: (error: unknown) => void;
  /** Called when any query or mutation learns the session has ended (HTTP 401). */
  onUnauthenticated?: () => void;
};

/** One QueryClient configuration for the browser provider and for server-side prefetching. */
export function makeQueryClient({ onMutationError, onUnauthenticated }: QueryClientHooks = {}): QueryClient {
  const on401 = (error: unknown) => {
    if (isApiError(error) && error.status === 401) onUnauthenticated?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: on401 }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        on401(error);
        if (mutation.meta?.toast !== false && !(isApiError(error) && error.status === 401)) onMutationError?.(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
