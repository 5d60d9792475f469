import type { z } from "zod";
import { ZApiErrorResponse } from "@/lib/schemas/api-error.ts";

// Browser-side calls to the console's JSON API. Errors arrive in one envelope and become ApiError,
// carrying the safe message and request id the UI shows.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  /** Field-level messages (form field name → message) from a validation error. */
  readonly fields?: Record<string, string>;

  constructor(status: number, code: string, message: string, requestId?: string, fields?: Record<string, string>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.fields = fields;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export type ApiFetchOptions<S extends z.ZodType> = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  schema: S;
  signal?: AbortSignal;
};

export async function apiFetch<S extends z.ZodType>(
  path: string,
  { method = "GET", body, schema, signal }: ApiFetchOptions<S>,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: "same-origin",
      // Also on a write without a body: the server refuses state-changing requests of any other type.
      headers: { accept: "application/json", ...(body === undefined && method === "GET" ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "NetworkError", "The console server could not be reached. Check your connection and try again.");
  }
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ZApiErrorResponse.safeParse(json);
    if (parsed.success) {
      throw new ApiError(
        response.status,
        parsed.data.error.code,
        parsed.data.error.message,
        parsed.data.requestId,
        parsed.data.error.fields,
      );
    }
    throw new ApiError(response.status, "HttpError", `The server answered with HTTP ${response.status}.`, requestId);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(response.status, "InvalidResponse", "The server sent a response the console does not understand.", requestId);
  return parsed.data;
}
