import { describe, expect, it } from "vitest";
import { formatAge, formatDate } from "./format.ts";

// The server renders the keys and key stores tables' dates with these formats, and the browser's first
// render must produce the same text (or React discards the server's HTML): the midnight hour is where
// Node's "hour12: false" said 24:52 and chromium 00:52.
describe("console date formats", () => {
  it("shows the midnight hour as 00, in UTC and in another zone", () => {
    expect(formatDate("2026-12-06T00:52:00Z", "short", "UTC")).toBe("Dec 6, 2026, 00:52 UTC");
    expect(formatDate("2026-12-06T23:05:00Z", "short", "UTC")).toBe("Dec 6, 2026, 23:05 UTC");
    expect(formatDate("2026-12-06T00:52:00Z", "long", "UTC")).toBe("Dec 6, 2026, 12:52 AM UTC");
  });

  it("says how long ago compactly", () => {
    const now = Date.parse("2026-12-06T00:00:00Z");
    expect(formatAge("2026-12-05T23:59:59Z", now)).toBe("just now");
    expect(formatAge("2026-12-05T23:59:00Z", now)).toBe("60 s ago");
    expect(formatAge("2026-12-05T23:00:00Z", now)).toBe("60 min ago");
    expect(formatAge(null, now)).toBe("never");
  });
});
