import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import {
  ZExternalKeyMetadataResponse,
  ZLocalExternalKeyResponse,
  ZLocalExternalKeysResponse,
  type CreateLocalExternalKeyRequest,
} from "@/lib/schemas/external-keys.ts";

export const externalKeyKeys = {
  all: ["external-keys"] as const,
  local: () => [...externalKeyKeys.all, "local"] as const,
  metadata: (customKeyStoreId: string, xksKeyId: string) => [...externalKeyKeys.all, "metadata", customKeyStoreId, xksKeyId] as const,
  ofKey: (keyId: string) => [...externalKeyKeys.all, "of-key", keyId] as const,
};

/** What the store's proxy says of an external key; only asked when both are given. */
export function useExternalKeyMetadata(customKeyStoreId: string, xksKeyId: string, enabled: boolean) {
  return useQuery({
    queryKey: externalKeyKeys.metadata(customKeyStoreId, xksKeyId),
    queryFn: ({ signal }) =>
      apiFetch(`/api/external-keys/metadata?${new URLSearchParams({ customKeyStoreId, xksKeyId })}`, {
        schema: ZExternalKeyMetadataResponse,
        signal,
      }),
    enabled,
    staleTime: 0,
    retry: false,
  });
}

/** A key's External key tab: its proxy's view of the external key, refreshed while the tab is open. */
export function useKeyExternalKey(keyId: string) {
  return useQuery({
    queryKey: externalKeyKeys.ofKey(keyId),
    queryFn: ({ signal }) =>
      apiFetch(`/api/keys/${encodeURIComponent(keyId)}/external-key`, { schema: ZExternalKeyMetadataResponse, signal }),
    retry: false,
    refetchInterval: 10_000,
  });
}

/** The local XKS proxy's keys (and whether it runs), refreshed so a proxy started meanwhile shows up. */
export function useLocalExternalKeys() {
  return useQuery({
    queryKey: externalKeyKeys.local(),
    queryFn: ({ signal }) => apiFetch("/api/external-keys", { schema: ZLocalExternalKeysResponse, signal }),
    refetchInterval: 10_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: externalKeyKeys.all }), qc.invalidateQueries({ queryKey: ["keys"] })]);
}

/** The create form shows its own errors beside its fields: no global toast. */
export function useCreateLocalExternalKey() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateLocalExternalKeyRequest) =>
      apiFetch("/api/external-keys", { method: "POST", body, schema: ZLocalExternalKeyResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

export function useSetLocalExternalKeyStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ keyId, action }: { keyId: string; action: "enable" | "disable" }) =>
      apiFetch(`/api/external-keys/${encodeURIComponent(keyId)}/status`, {
        method: "POST",
        body: { action },
        schema: ZLocalExternalKeyResponse,
      }),
    onSuccess: invalidate,
  });
}
