import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/server/platform/errors.ts";

const MAX_BODY_BYTES = 1024 * 1024;

function invalid(message: string, fields?: Record<string, string>): AppError {
  return new AppError({ code: "ValidationException", safeMessage: message, fields });
}

/** The first message for each field path ("a.b"), for showing beside a form's fields. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    if (key && !(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** Reads a JSON body and parses it with a zod schema; failures become 400 ValidationException. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw invalid("Send the request body as application/json.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw invalid("The request body is too large.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (!issue?.path.length && (json === null || typeof json !== "object" || Array.isArray(json))) {
      throw invalid("The request body must be a JSON object.");
    }
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw invalid(`${where}${issue?.message ?? "Invalid request."}`, fieldErrors(result.error.issues));
  }
  return result.data;
}
