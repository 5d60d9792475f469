import { noteMetadata, type OperationRequest, type ProxyContext } from "./context.ts";
import { requestMetadata } from "./request-fields.ts";

// POST …/kms/xks/v1/health (spec §1.5). requestMetadata with kmsRequestId and kmsOperation is required:
// `{}` gets ValidationException, as the public test client expects (the spec's error table leaves health
// out of ValidationException). No key allow-list and no secondary authorization apply here.
export async function getHealthStatus(ctx: ProxyContext, req: OperationRequest) {
  noteMetadata(req.fields, requestMetadata(req.body, ["kmsRequestId", "kmsOperation"]));
  return ctx.health.status();
}
