import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZKeyGrantListResponse } from "@/lib/schemas/key-grants.ts";
import { ZKeyMutationResponse } from "@/lib/schemas/keys.ts";
import { keyKeys } from "./keys.ts";

// The Grants tab of a key: its grants under the key's detail key (invalidating a key refreshes them).

export const keyGrantKeys = {
  list: (id: string) => [...keyKeys.detail(id), "grants"] as const,
};

export function useKeyGrants(id: string) {
  return useQuery({
    queryKey: keyGrantKeys.list(id),
    queryFn: ({ signal }) => apiFetch(`/api/keys/${encodeURIComponent(id)}/grants`, { schema: ZKeyGrantListResponse, signal }),
  });
}

/** RevokeGrant; the confirmation dialog shows its error, so no global toast. */
export function useRevokeGrant(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) =>
      apiFetch(`/api/keys/${encodeURIComponent(id)}/grants`, { method: "DELETE", body: { grantId }, schema: ZKeyMutationResponse }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyGrantKeys.list(id) }),
    meta: { toast: false },
  });
}
