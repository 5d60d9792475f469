// The audit page and its export list every request the process has answered, including the events
// still waiting in the writer's batch window (KEYHOLD_AUDIT_FLUSH_MS): an administrator who opens the
// page right after a CLI call sees that call.
import { describe, expect, it } from "vitest";
import { ZAuditFilters } from "@/lib/schemas/audit.ts";
import { enqueueAuditEvent, pendingAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { exportAuditEvents } from "./export-audit-events.ts";
import { listAuditEvents } from "./list-audit-events.ts";

useMigratedDataDir("list-audit-events");

const queue = (requestId: string) =>
  enqueueAuditEvent({ eventSource: "kms.amazonaws.com", eventName: "Encrypt", requestId, principalArn: principalArn("window-user") });

describe("events in the batch window", () => {
  it("are on the first page as soon as it is asked for", async () => {
    queue("req-in-window-list");
    expect(pendingAuditEvents()).toBeGreaterThan(0);
    const page = await listAuditEvents(ZAuditFilters.parse({ user: "window-user" }));
    expect(page.events.map((e) => e.requestId)).toContain("req-in-window-list");
  });

  it("are in the export", async () => {
    queue("req-in-window-export");
    expect(pendingAuditEvents()).toBeGreaterThan(0);
    const text = await new Response(exportAuditEvents(ZAuditFilters.parse({ user: "window-user" }))).text();
    expect(text).toContain("req-in-window-export");
  });
});
