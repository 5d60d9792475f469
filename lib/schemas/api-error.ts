import { z } from "zod";

// The one error envelope every API route answers with: { error: { code, message }, requestId }.
export const ZApiErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level messages for form validation errors (field name → message). */
    fields: z.record(z.string(), z.string()).optional(),
  }),
  requestId: z.string(),
});

export type ApiErrorResponse = z.infer<typeof ZApiErrorResponse>;
