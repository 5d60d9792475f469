import { z } from "zod";

// The one error envelope every API route answers with: { error: { code, message }, requestId }.
export const ZApiErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
  requestId: z.string(),
});

export type ApiErrorResponse = z.infer<typeof ZApiErrorResponse>;
