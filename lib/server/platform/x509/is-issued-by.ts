import "server-only";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

/** Whether `certificatePem` is signed by the CA in `trustAnchorPem` (the IncorrectTrustAnchor check). */
export async function isIssuedBy(certificatePem: string, trustAnchorPem: string): Promise<boolean> {
  try {
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    const cert = new x509.X509Certificate(certificatePem);
    const anchor = new x509.X509Certificate(trustAnchorPem);
    return await cert.verify({ publicKey: anchor, signatureOnly: true });
  } catch {
    return false;
  }
}
