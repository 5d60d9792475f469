import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/lib/api-client.ts";
import {
  ZClusterListResponse,
  ZCreateLocalClusterResponse,
  ZDeleteClusterResponse,
  ZKmsuserSessionResponse,
  ZHsmMutationResponse,
  ZSetKmsuserPasswordResponse,
  type CreateLocalClusterRequest,
} from "@/lib/schemas/clusters.ts";

export const clusterKeys = {
  all: ["clusters"] as const,
  list: () => [...clusterKeys.all, "list"] as const,
};

export function useClusters() {
  return useQuery({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/clusters", { schema: ZClusterListResponse, signal }),
    refetchInterval: (q) => (q.state.data?.clusters.some((c) => c.hsms.some((h) => h.state.endsWith("IN_PROGRESS"))) ? 1_000 : 15_000),
  });
}

function useInvalidateAll() {
  const qc = useQueryClient();
  // HSM counts show on key-store pages too.
  return () => Promise.all([qc.invalidateQueries({ queryKey: clusterKeys.all }), qc.invalidateQueries({ queryKey: ["key-stores"] })]);
}

export function useAddHsm() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ clusterId, availabilityZone }: { clusterId: string; availabilityZone: string }) =>
      apiFetch(`/api/clusters/${encodeURIComponent(clusterId)}/hsms`, {
        method: "POST",
        body: { availabilityZone },
        schema: ZHsmMutationResponse,
      }),
    onSuccess: invalidate,
  });
}

export function useRemoveHsm() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ clusterId, hsmId }: { clusterId: string; hsmId: string }) =>
      apiFetch(`/api/clusters/${encodeURIComponent(clusterId)}/hsms/${encodeURIComponent(hsmId)}`, {
        method: "DELETE",
        schema: z.object({ hsmId: z.string() }),
      }),
    onSuccess: invalidate,
  });
}

/** Local backend only. The form shows errors beside its fields. */
export function useCreateLocalCluster() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: CreateLocalClusterRequest) =>
      apiFetch("/api/clusters", { method: "POST", body, schema: ZCreateLocalClusterResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** Local backend, admins: set kmsuser's password (which unlocks it). The form shows errors beside its field. */
export function useSetKmsuserPassword() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ clusterId, kmsuserPassword }: { clusterId: string; kmsuserPassword: string }) =>
      apiFetch(`/api/clusters/${encodeURIComponent(clusterId)}/kmsuser-password`, {
        method: "PUT",
        body: { kmsuserPassword },
        schema: ZSetKmsuserPasswordResponse,
      }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

/** Local backend, admins: log kmsuser in (the CloudHSM CLI's login) or out. The login form shows errors beside its field. */
export function useKmsuserSession() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ clusterId, kmsuserPassword }: { clusterId: string; kmsuserPassword?: string }) =>
      apiFetch(`/api/clusters/${encodeURIComponent(clusterId)}/kmsuser-session`, {
        method: kmsuserPassword === undefined ? "DELETE" : "POST",
        body: kmsuserPassword === undefined ? undefined : { kmsuserPassword },
        schema: ZKmsuserSessionResponse,
      }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

export function useDeleteCluster() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ clusterId }: { clusterId: string }) =>
      apiFetch(`/api/clusters/${encodeURIComponent(clusterId)}`, { method: "DELETE", schema: ZDeleteClusterResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}
