import "server-only";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { AppError } from "@/lib/server/platform/errors.ts";

const FIELD = "trustAnchorCertificate";

function invalid(message: string): AppError {
  return new AppError({ code: "ValidationException", safeMessage: message, fields: { [FIELD]: message } });
}

/**
 * Checks that the uploaded trust anchor is one X.509 CA certificate that is valid today, before KMS
 * is asked (KMS then checks it is THE cluster's anchor: IncorrectTrustAnchorException).
 */
export function checkTrustAnchor(pem: string): void {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(pem);
  } catch {
    throw invalid(
      "The file is not a readable X.509 certificate. Choose customerCA.crt, the file created when the cluster was initialized.",
    );
  }
  const now = new Date();
  if (cert.notAfter < now) throw invalid(`This certificate expired on ${cert.notAfter.toISOString().slice(0, 10)}.`);
  if (cert.notBefore > now) throw invalid(`This certificate is not valid before ${cert.notBefore.toISOString().slice(0, 10)}.`);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (basic && !basic.ca)
    throw invalid("This is not a CA certificate. The trust anchor is the cluster's issuing CA certificate (customerCA.crt).");
}
