import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZLoginResponse, ZLogoutResponse, type LoginRequest } from "@/lib/schemas/auth.ts";

/** Sign in; the form shows the error beside itself, so no global toast. */
export function useSignIn() {
  return useMutation({
    mutationFn: (body: LoginRequest) => apiFetch("/api/auth/login", { method: "POST", body, schema: ZLoginResponse }),
    meta: { toast: false },
  });
}

/**
 * Sign out, then load the sign-in page afresh: the full page load drops every cached query of the
 * session (clearing the cache in place would refetch /api/me, get 401 and bounce through ?next=).
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => apiFetch("/api/auth/logout", { method: "POST", schema: ZLogoutResponse }),
    // A full page load, not router.push: it drops every cached query of the signed-out user.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    onSuccess: () => window.location.assign("/login"),
  });
}
