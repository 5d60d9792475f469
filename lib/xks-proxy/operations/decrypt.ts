import { fullAad, MAX_METADATA_BYTES } from "../crypto/aad.ts";
import { decrypt as gcmDecrypt, TAG_BYTES } from "../crypto/gcm.ts";
import { XksError } from "../errors.ts";
import { noteMetadata, tooLarge, usableKey, type OperationRequest, type ProxyContext } from "./context.ts";
import { base64Text, decodeBase64, encryptionAlgorithm, requestMetadata, validation } from "./request-fields.ts";

// POST …/keys/{externalKeyId}/decrypt (spec §1.4). The IV must be 12 or 16 bytes and the tag 16 (the
// sample proxy passes any length to the HSM); a failed tag check is InvalidCiphertextException.
export async function decrypt(ctx: ProxyContext, req: OperationRequest) {
  const { body } = req;
  noteMetadata(req.fields, requestMetadata(body, ["awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId"]));
  const ciphertextText = base64Text(body, "ciphertext", true)!;
  encryptionAlgorithm(body);
  const ivText = base64Text(body, "initializationVector", true)!;
  const tagText = base64Text(body, "authenticationTag", true)!;
  const aadText = base64Text(body, "additionalAuthenticatedData", false);
  const metadataText = base64Text(body, "ciphertextMetadata", false);
  await usableKey(ctx, req.store, req.keyId);
  const limits = ctx.settings().limits;
  if (ciphertextText.length > limits.max_plaintext_in_base64) throw tooLarge("ciphertext", limits.max_plaintext_in_base64);
  if (aadText !== undefined && aadText.length > limits.max_aad_in_base64)
    throw tooLarge("additionalAuthenticatedData", limits.max_aad_in_base64);
  const ciphertext = decodeBase64("ciphertext", ciphertextText);
  const iv = decodeBase64("initializationVector", ivText);
  const tag = decodeBase64("authenticationTag", tagText);
  const aad = aadText === undefined ? undefined : decodeBase64("additionalAuthenticatedData", aadText);
  const metadata = metadataText === undefined ? undefined : decodeBase64("ciphertextMetadata", metadataText);
  if (metadata && metadata.length > MAX_METADATA_BYTES) throw validation(`ciphertextMetadata must be at most ${MAX_METADATA_BYTES} bytes.`);
  if (iv.length !== 12 && iv.length !== 16)
    throw new XksError("InvalidCiphertextException", "initializationVector must be 12 or 16 bytes.");
  if (tag.length !== TAG_BYTES) throw new XksError("InvalidCiphertextException", `authenticationTag must be ${TAG_BYTES} bytes.`);
  const plaintext = await gcmDecrypt(ctx.token, req.keyId, { iv, ciphertext, tag }, fullAad(aad, metadata));
  return { plaintext: plaintext.toString("base64") };
}
