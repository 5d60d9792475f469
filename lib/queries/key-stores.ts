import { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import {
  ZDeleteKeyStoreResponse,
  ZKeyStoreDetailResponse,
  ZKeyStoreListResponse,
  ZKeyStoreMutationResponse,
  ZRefreshStatusResponse,
  ZTestXksConnectionResponse,
  ZVpcEndpointService,
  ZVpcEndpointServiceListResponse,
  type ConnectionState,
  type CreateVpcEndpointServiceRequest,
  type CreateXksKeyStoreRequest,
  type TestXksConnectionRequest,
  type KeyStoreDetailResponse,
  type KeyStoreListResponse,
  type KeyStoreSummary,
  type CreateKeyStoreRequest,
  type UpdateKeyStoreRequest,
} from "@/lib/schemas/key-stores.ts";
import { ZKeyMaterialInventoryResponse, ZRemoveOrphanedKeyMaterialResponse } from "@/lib/schemas/key-material.ts";
import { clusterKeys } from "./clusters.ts";
import { keyKeys } from "./keys.ts";

export const keyStoreKeys = {
  all: ["key-stores"] as const,
  list: () => [...keyStoreKeys.all, "list"] as const,
  detail: (id: string) => [...keyStoreKeys.all, "detail", id] as const,
  vpcEndpointServices: () => [...keyStoreKeys.all, "vpc-endpoint-services"] as const,
};

/** Transient states: poll until they end (CONNECTING → CONNECTED | FAILED, DISCONNECTING → DISCONNECTED). */
export const TRANSIENT_STATES: ReadonlySet<ConnectionState> = new Set(["CONNECTING", "DISCONNECTING"]);
const POLL_MS = 1_000;
/** Pages read the status cache (cheap), so they re-read it often: badges follow the poller without a reload. */
const CACHE_POLL_MS = 5_000;

export function useKeyStores() {
  return useQuery({
    queryKey: keyStoreKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/key-stores", { schema: ZKeyStoreListResponse, signal }),
    refetchInterval: (q) => (q.state.data?.keyStores.some((s) => TRANSIENT_STATES.has(s.connectionState)) ? POLL_MS : CACHE_POLL_MS),
  });
}

export function useKeyStore(id: string, { poll = false }: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: keyStoreKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(`/api/key-stores/${encodeURIComponent(id)}`, { schema: ZKeyStoreDetailResponse, signal }),
    refetchInterval: (q) =>
      poll || (q.state.data && TRANSIENT_STATES.has(q.state.data.keyStore.connectionState)) ? POLL_MS : CACHE_POLL_MS,
  });
}

function useInvalidateStores() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keyStoreKeys.all }),
      qc.invalidateQueries({ queryKey: keyKeys.all }),
      qc.invalidateQueries({ queryKey: clusterKeys.all }),
    ]);
}

/** The wizard shows errors beside its fields: no global toast. */
export function useCreateKeyStore() {
  const invalidate = useInvalidateStores();
  return useMutation({
    mutationFn: (body: CreateKeyStoreRequest) => apiFetch("/api/key-stores", { method: "POST", body, schema: ZKeyStoreMutationResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** Creates an external key store; the wizard shows errors beside its fields. */
export function useCreateXksKeyStore() {
  const invalidate = useInvalidateStores();
  return useMutation({
    mutationFn: (body: CreateXksKeyStoreRequest) =>
      apiFetch("/api/key-stores/external", { method: "POST", body, schema: ZKeyStoreMutationResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** The proxy's GetHealthStatus with the wizard's values (nothing is created). */
export function useTestXksConnection() {
  return useMutation({
    mutationFn: (body: TestXksConnectionRequest) =>
      apiFetch("/api/key-stores/external/test-connection", { method: "POST", body, schema: ZTestXksConnectionResponse }),
    meta: { toast: false },
  });
}

export function useVpcEndpointServices() {
  return useQuery({
    queryKey: keyStoreKeys.vpcEndpointServices(),
    queryFn: ({ signal }) => apiFetch("/api/xks-vpc-endpoint-services", { schema: ZVpcEndpointServiceListResponse, signal }),
  });
}

export function useCreateVpcEndpointService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVpcEndpointServiceRequest) =>
      apiFetch("/api/xks-vpc-endpoint-services", { method: "POST", body, schema: ZVpcEndpointService }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyStoreKeys.vpcEndpointServices() }),
    meta: { toast: false },
  });
}

export function useDeleteVpcEndpointService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch(`/api/xks-vpc-endpoint-services/${encodeURIComponent(name)}`, {
        method: "DELETE",
        schema: z.object({ deleted: z.literal(true) }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyStoreKeys.vpcEndpointServices() }),
  });
}

export function useUpdateKeyStore(id: string) {
  const invalidate = useInvalidateStores();
  return useMutation({
    mutationFn: (body: UpdateKeyStoreRequest) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}`, { method: "PATCH", body, schema: ZKeyStoreMutationResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/**
 * Shows the state the server answered right after Connect/Disconnect (CONNECTING, DISCONNECTING …):
 * not an optimistic guess, the service's own word, until the refetch brings the next one.
 */
function useApplyServerState() {
  const qc = useQueryClient();
  return (store: KeyStoreSummary) => {
    qc.setQueryData<KeyStoreDetailResponse>(keyStoreKeys.detail(store.customKeyStoreId), (old) =>
      old ? { ...old, keyStore: { ...old.keyStore, ...store, keyCount: old.keyStore.keyCount } } : old,
    );
    qc.setQueryData<KeyStoreListResponse>(keyStoreKeys.list(), (old) =>
      old
        ? {
            ...old,
            keyStores: old.keyStores.map((s) =>
              s.customKeyStoreId === store.customKeyStoreId ? { ...s, ...store, keyCount: s.keyCount } : s,
            ),
          }
        : old,
    );
  };
}

export function useConnectKeyStore() {
  const invalidate = useInvalidateStores();
  const apply = useApplyServerState();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}/connect`, { method: "POST", schema: ZKeyStoreMutationResponse }),
    onSuccess: ({ keyStore }) => {
      apply(keyStore);
      return invalidate();
    },
  });
}

export function useDisconnectKeyStore() {
  const invalidate = useInvalidateStores();
  const apply = useApplyServerState();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}/disconnect`, { method: "POST", schema: ZKeyStoreMutationResponse }),
    onSuccess: ({ keyStore }) => {
      apply(keyStore);
      return invalidate();
    },
  });
}

export function useDeleteKeyStore() {
  const invalidate = useInvalidateStores();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}`, { method: "DELETE", schema: ZDeleteKeyStoreResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** "Refresh now": the server describes every store and cluster, then the pages re-read the cache. */
export function useRefreshKeyStores() {
  const invalidate = useInvalidateStores();
  return useMutation({
    mutationFn: () => apiFetch("/api/key-stores/refresh", { method: "POST", schema: ZRefreshStatusResponse }),
    onSuccess: invalidate,
  });
}

export function useKeyMaterialInventory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keyStoreKeys.detail(id), "key-material"] as const,
    queryFn: ({ signal }) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}/key-material`, { schema: ZKeyMaterialInventoryResponse, signal }),
    enabled,
  });
}

export function useRemoveOrphanedKeyMaterial(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (label: string) =>
      apiFetch(`/api/key-stores/${encodeURIComponent(id)}/key-material`, {
        method: "DELETE",
        body: { label },
        schema: ZRemoveOrphanedKeyMaterialResponse,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...keyStoreKeys.detail(id), "key-material"] }),
  });
}
