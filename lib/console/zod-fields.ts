import type { z } from "zod";

/** A zod result's issues as { field: first message }, the shape the API's field errors use too. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Validates with a schema; returns the parsed value or the field errors. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { data: z.infer<S>; errors?: undefined } | { data?: undefined; errors: Record<string, string> } {
  const r = schema.safeParse(value);
  return r.success ? { data: r.data } : { errors: zodFieldErrors(r.error) };
}
