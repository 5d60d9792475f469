import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import {
  ZAccessKeyMutationResponse,
  ZChangePasswordResponse,
  ZCreateAccessKeyResponse,
  ZDeleteUserResponse,
  ZUserListResponse,
  ZUserResponse,
  type ChangePasswordRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserStatus,
} from "@/lib/schemas/users.ts";

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
  account: () => [...userKeys.all, "account"] as const,
};

/** Admins: every user. */
export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/users", { schema: ZUserListResponse, signal }),
    retry: (n, e) => (e as { status?: number }).status !== 403 && n < 2,
  });
}

/** The signed-in user with their access keys. */
export function useAccount() {
  return useQuery({
    queryKey: userKeys.account(),
    queryFn: ({ signal }) => apiFetch("/api/account", { schema: ZUserResponse, signal }),
  });
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: userKeys.all });
}

/** The form shows errors beside its fields. */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => apiFetch("/api/users", { method: "POST", body, schema: ZUserResponse }),
    onSuccess: invalidate,
    meta: { toast: false },
  });
}

export function useUpdateUser(options: { toast?: boolean } = {}) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ userId, change }: { userId: string; change: UpdateUserRequest }) =>
      apiFetch(`/api/users/${encodeURIComponent(userId)}`, { method: "PATCH", body: change, schema: ZUserResponse }),
    onSuccess: invalidate,
    meta: { toast: options.toast ?? true },
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (userId: string) => apiFetch(`/api/users/${encodeURIComponent(userId)}`, { method: "DELETE", schema: ZDeleteUserResponse }),
    onSuccess: invalidate,
  });
}

/** Where a user's access keys live: under /api/users/:id (admins) or /api/account (the user themself). */
export type AccessKeyOwner = { kind: "user"; userId: string } | { kind: "self" };

function keysPath(owner: AccessKeyOwner): string {
  return owner.kind === "self" ? "/api/account/access-keys" : `/api/users/${encodeURIComponent(owner.userId)}/access-keys`;
}

export function useCreateAccessKey(owner: AccessKeyOwner) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: () => apiFetch(keysPath(owner), { method: "POST", schema: ZCreateAccessKeyResponse }),
    onSuccess: invalidate,
  });
}

export function useUpdateAccessKey(owner: AccessKeyOwner) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ accessKeyId, status }: { accessKeyId: string; status: UserStatus }) =>
      apiFetch(`${keysPath(owner)}/${encodeURIComponent(accessKeyId)}`, {
        method: "PATCH",
        body: { status },
        schema: ZAccessKeyMutationResponse,
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteAccessKey(owner: AccessKeyOwner) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (accessKeyId: string) =>
      apiFetch(`${keysPath(owner)}/${encodeURIComponent(accessKeyId)}`, { method: "DELETE", schema: ZAccessKeyMutationResponse }),
    onSuccess: invalidate,
  });
}

/** The form shows errors beside its fields. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) =>
      apiFetch("/api/account/password", { method: "PUT", body, schema: ZChangePasswordResponse }),
    meta: { toast: false },
  });
}
