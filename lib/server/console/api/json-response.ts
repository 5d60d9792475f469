import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { REQUEST_ID_HEADER } from "./error-response.ts";

/**
 * A success answer shaped by its response schema: parsing strips any field the schema does not
 * name, so a secret that slipped into `data` never reaches the browser.
 */
export function jsonResponse<S extends z.ZodType>(
  schema: S,
  data: z.input<S>,
  init: { status?: number; requestId: string; headers?: HeadersInit },
): NextResponse {
  const headers = new Headers(init.headers);
  headers.set(REQUEST_ID_HEADER, init.requestId);
  headers.set("cache-control", "no-store");
  return NextResponse.json(schema.parse(data), { status: init.status ?? 200, headers });
}
