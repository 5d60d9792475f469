import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { publicRoute } from "./public-route.ts";

// Read once by env(): the allow-list for this file.
process.env.KEYHOLD_ALLOWED_ORIGINS = "https://keyhold.example.com, http://10.0.0.5:8080";

const route = publicRoute(async () => Response.json({ ok: true }));
const context = { params: Promise.resolve({}) };

function call(method: string, headers: Record<string, string>, body?: string) {
  return route(
    new NextRequest("http://127.0.0.1:3000/api/keys", { method, headers: { host: "127.0.0.1:3000", ...headers }, body }),
    context,
  );
}

const JSON_TYPE = { "content-type": "application/json" };

describe("publicRoute's checks for state-changing requests", () => {
  it("does not believe the client's X-Forwarded-Host: a foreign Origin that names it is refused", async () => {
    const response = await call("POST", { ...JSON_TYPE, origin: "https://evil.example", "x-forwarded-host": "evil.example" }, "{}");
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("AccessDeniedException");
  });

  it("accepts its own origin (Host) and the origins of KEYHOLD_ALLOWED_ORIGINS, refuses others", async () => {
    const status = async (origin: string) => (await call("POST", { ...JSON_TYPE, origin }, "{}")).status;
    expect(await status("http://127.0.0.1:3000")).toBe(200);
    expect(await status("https://keyhold.example.com")).toBe(200);
    expect(await status("http://10.0.0.5:8080")).toBe(200);
    expect(await status("http://keyhold.example.com")).toBe(403);
    expect(await status("https://keyhold.example.com.evil.example")).toBe(403);
    expect(await status("null")).toBe(403);
    // Reads are not checked.
    expect((await call("GET", { origin: "https://evil.example" })).status).toBe(200);
  });

  it("requires Content-Type: application/json on every write, with or without a body", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const type of [
        undefined,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
      ]) {
        const response = await call(method, type ? { "content-type": type } : {});
        expect(response.status, `${method} ${type}`).toBe(415);
        expect((await response.json()).error.code).toBe("UnsupportedMediaType");
      }
      expect((await call(method, JSON_TYPE)).status, method).toBe(200);
      expect((await call(method, { "content-type": "application/json; charset=utf-8" })).status, method).toBe(200);
    }
    expect((await call("GET", {})).status).toBe(200);
  });
});
