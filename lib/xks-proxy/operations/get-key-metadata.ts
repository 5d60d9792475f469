import { allowedKey, noteMetadata, type OperationRequest, type ProxyContext } from "./context.ts";
import { requestMetadata } from "./request-fields.ts";

// POST …/keys/{externalKeyId}/metadata (spec §1.2). kmsKeyArn and kmsViaService, removed in v1.0.3 but
// still sent by the public test client, are accepted and ignored. A disabled key answers DISABLED.
export async function getKeyMetadata(ctx: ProxyContext, req: OperationRequest) {
  noteMetadata(req.fields, requestMetadata(req.body, ["awsPrincipalArn", "kmsOperation", "kmsRequestId"]));
  const info = await allowedKey(ctx, req.store, req.keyId);
  return { keySpec: info.keySpec, keyUsage: info.keyUsage, keyStatus: info.keyStatus };
}
