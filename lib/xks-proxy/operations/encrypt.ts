import { fullAad, integrityValue } from "../crypto/aad.ts";
import { encrypt as gcmEncrypt } from "../crypto/gcm.ts";
import { noteMetadata, tooLarge, usableKey, type OperationRequest, type ProxyContext } from "./context.ts";
import { base64Text, decodeBase64, encryptionAlgorithm, integrityAlgorithm, requestMetadata } from "./request-fields.ts";

// POST …/keys/{externalKeyId}/encrypt (spec §1.3): AES-256-GCM, a 12-byte IV from the HSM, the 16-byte tag
// apart from the ciphertext, ciphertextMetadata (when configured) bound into the AAD, and the CDIV when asked.
export async function encrypt(ctx: ProxyContext, req: OperationRequest) {
  const { body } = req;
  noteMetadata(req.fields, requestMetadata(body, ["awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId"]));
  const plaintextText = base64Text(body, "plaintext", true)!;
  encryptionAlgorithm(body);
  const aadText = base64Text(body, "additionalAuthenticatedData", false);
  const wantIntegrity = integrityAlgorithm(body);
  await usableKey(ctx, req.store, req.keyId);
  const limits = ctx.settings().limits;
  if (plaintextText.length > limits.max_plaintext_in_base64) throw tooLarge("plaintext", limits.max_plaintext_in_base64);
  if (aadText !== undefined && aadText.length > limits.max_aad_in_base64)
    throw tooLarge("additionalAuthenticatedData", limits.max_aad_in_base64);
  const plaintext = decodeBase64("plaintext", plaintextText);
  const aad = aadText === undefined ? undefined : decodeBase64("additionalAuthenticatedData", aadText);
  const metadata = ctx.ciphertextMetadata;
  const sealed = await gcmEncrypt(
    ctx.token,
    req.keyId,
    plaintext,
    fullAad(aad, metadata),
    wantIntegrity ? (s) => integrityValue({ aad, metadata, ...s }) : undefined,
  );
  return {
    ciphertext: sealed.ciphertext.toString("base64"),
    initializationVector: sealed.iv.toString("base64"),
    authenticationTag: sealed.tag.toString("base64"),
    ...(metadata ? { ciphertextMetadata: metadata.toString("base64") } : {}),
    ...(sealed.integrity ? { ciphertextDataIntegrityValue: sealed.integrity } : {}),
  };
}
