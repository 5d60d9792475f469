import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZSettingsResponse, type UpdateSettingsRequest } from "@/lib/schemas/settings.ts";
import { auditKeys } from "./audit.ts";

export const settingsKeys = {
  all: ["settings"] as const,
  current: () => [...settingsKeys.all, "current"] as const,
};

export function useSettings() {
  return useQuery({
    queryKey: settingsKeys.current(),
    queryFn: ({ signal }) => apiFetch("/api/settings", { schema: ZSettingsResponse, signal }),
  });
}

/** Admins: change the settings; the audit list shows the new retention (and the pruned events) at once. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettingsRequest) => apiFetch("/api/settings", { method: "PUT", body, schema: ZSettingsResponse }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
    meta: { toast: false },
  });
}
