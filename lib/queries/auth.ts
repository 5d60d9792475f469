import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZLoginResponse, ZLogoutResponse, type LoginRequest } from "@/lib/schemas/auth.ts";

/** Sign in; the form shows the error beside itself, so no global toast. */
export function useSignIn() {
  return useMutation({
    mutationFn: (body: LoginRequest) => apiFetch("/api/auth/login", { method: "POST", body, schema: ZLoginResponse }),
    meta: { toast: false },
  });
}

/** Sign out, then forget everything cached for this user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch("/api/auth/logout", { method: "POST", schema: ZLogoutResponse }),
    onSuccess: () => queryClient.clear(),
  });
}
