import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/schemas/auth.ts";
import { isApiPath, isPublicPath } from "./public-paths.ts";

describe("isPublicPath", () => {
  it("opens only sign-in, static assets and the SigV4 endpoint", () => {
    for (const p of [
      "/login",
      "/api/auth/login",
      "/_next/static/chunks/a.js",
      "/_next/image",
      "/icon.svg",
      "/favicon.ico",
      "/api/aws",
      "/api/aws/",
    ]) {
      expect(isPublicPath(p), p).toBe(true);
    }
    for (const p of [
      "/",
      "/key-stores",
      "/login/extra",
      "/api/me",
      "/api/auth/logout",
      "/api/awsome",
      "/api/auth/login/x",
      "/_next/data/x.json",
      "/icon.svg.map",
    ]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });

  it("tells API paths from pages", () => {
    expect(isApiPath("/api/me")).toBe(true);
    expect(isApiPath("/apiary")).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps local paths and drops everything that could leave the site", () => {
    expect(safeNextPath("/keys?state=Enabled")).toBe("/keys?state=Enabled");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "keys",
      "",
      null,
      "/login?next=/x",
      "/api/me",
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/key-stores");
    }
  });
});
