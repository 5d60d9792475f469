import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import {
  ZCreateKeyResponse,
  ZDecryptTextResponse,
  ZEncryptTextResponse,
  ZKeyDetailResponse,
  ZKeyMutationResponse,
  ZPrincipalListResponse,
  type CreateKeyRequest,
  type DecryptTextRequest,
  type EncryptTextRequest,
} from "@/lib/schemas/keys.ts";
import type {
  CreateAliasRequest,
  DeleteAliasRequest,
  TagKeyRequest,
  UntagKeyRequest,
  UpdateKeyDescriptionRequest,
} from "@/lib/schemas/key-labels.ts";
import { ZKeyCacheRefreshResponse, ZKeyListResponse, keyListSearch, type KeyListQuery } from "@/lib/schemas/key-list.ts";

export const keyKeys = {
  all: ["keys"] as const,
  /** One page of the key list; `search` is keyListSearch(query), so the server's prefetch uses the same key. */
  list: (search: string) => [...keyKeys.all, "list", search] as const,
  detail: (id: string) => [...keyKeys.all, "detail", id] as const,
  principals: () => ["principals"] as const,
};

/**
 * A page of the keys table from the console's key cache, paged, sorted and filtered on the server. The
 * previous page stays on screen while the next loads; the list re-reads the cache as the poller fills it.
 */
export function useKeys(query: KeyListQuery) {
  const search = keyListSearch(query);
  return useQuery({
    queryKey: keyKeys.list(search),
    queryFn: ({ signal }) => apiFetch(`/api/keys${search ? `?${search}` : ""}`, { schema: ZKeyListResponse, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

/** The keys page's Refresh: the key cache brought up to date now. */
export function useRefreshKeyCache() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch("/api/keys/refresh", { method: "POST", schema: ZKeyCacheRefreshResponse }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.all }),
  });
}

export function useKey(id: string) {
  return useQuery({
    queryKey: keyKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(`/api/keys/${encodeURIComponent(id)}`, { schema: ZKeyDetailResponse, signal }),
    // The custom key store's connection state (and so the key's Unavailable state) can change under us.
    refetchInterval: (q) => (q.state.data?.customKeyStore ? 5_000 : false),
  });
}

export function usePrincipals() {
  return useQuery({
    queryKey: keyKeys.principals(),
    queryFn: ({ signal }) => apiFetch("/api/principals", { schema: ZPrincipalListResponse, signal }),
    staleTime: 5 * 60_000,
  });
}

function useInvalidateKeys() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: keyKeys.all }), qc.invalidateQueries({ queryKey: ["key-stores"] })]);
}

/** The wizard shows CreateKey's error with its cause and fix: no global toast. */
export function useCreateKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (body: CreateKeyRequest) => apiFetch("/api/keys", { method: "POST", body, schema: ZCreateKeyResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

export type KeyStateAction =
  | { action: "enable" }
  | { action: "disable" }
  | { action: "schedule-deletion"; pendingWindowInDays: number }
  | { action: "cancel-deletion" };

export function useChangeKeyState(id: string, { toast = true }: { toast?: boolean } = {}) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (change: KeyStateAction) =>
      apiFetch(`/api/keys/${encodeURIComponent(id)}/state`, { method: "POST", body: change, schema: ZKeyMutationResponse }),
    onSuccess: invalidate,
    meta: { toast },
  });
}

export function usePutKeyPolicy(id: string) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (policy: string) =>
      apiFetch(`/api/keys/${encodeURIComponent(id)}/policy`, { method: "PUT", body: { policy }, schema: ZKeyMutationResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

// Label editors of the key detail page (Tags, Aliases, Description). Each form shows its error beside
// its fields (no global toast) and the page shows what the server answers once the detail reloads.
function useKeyLabelMutation<B>(id: string, path: string, method: "POST" | "PUT" | "DELETE") {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (body: B) => apiFetch(`/api/keys/${encodeURIComponent(id)}/${path}`, { method, body, schema: ZKeyMutationResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** TagResource: add a tag or replace its value. */
export const useTagKey = (id: string) => useKeyLabelMutation<TagKeyRequest>(id, "tags", "POST");
/** UntagResource. */
export const useUntagKey = (id: string) => useKeyLabelMutation<UntagKeyRequest>(id, "tags", "DELETE");
/** CreateAlias. */
export const useCreateAlias = (id: string) => useKeyLabelMutation<CreateAliasRequest>(id, "aliases", "POST");
/** DeleteAlias. */
export const useDeleteAlias = (id: string) => useKeyLabelMutation<DeleteAliasRequest>(id, "aliases", "DELETE");
/** UpdateKeyDescription. */
export const useUpdateKeyDescription = (id: string) => useKeyLabelMutation<UpdateKeyDescriptionRequest>(id, "description", "PUT");

/** Try-it: the panel shows the error a user would get, in place. */
export function useEncryptText(id: string) {
  return useMutation({
    mutationFn: (body: EncryptTextRequest) =>
      apiFetch(`/api/keys/${encodeURIComponent(id)}/encrypt`, { method: "POST", body, schema: ZEncryptTextResponse }),
    meta: { toast: false },
  });
}

export function useDecryptText(id: string) {
  return useMutation({
    mutationFn: (body: DecryptTextRequest) =>
      apiFetch(`/api/keys/${encodeURIComponent(id)}/decrypt`, { method: "POST", body, schema: ZDecryptTextResponse }),
    meta: { toast: false },
  });
}
