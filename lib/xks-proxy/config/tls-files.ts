import "server-only";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// A local CA and a server certificate for localhost / 127.0.0.1 / ::1, so that clients on this machine
// can trust the proxy (NODE_EXTRA_CA_CERTS, curl --cacert, …). ECDSA P-256. The CA's private key is not
// kept: it signs this one certificate and nothing else. Real AWS KMS needs a certificate from a public CA
// for the proxy's public DNS name instead (README: "Pointing AWS KMS at it").

const EC: EcKeyGenParams = { name: "ECDSA", namedCurve: "P-256" };
const SIGN: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };
const DAY = 24 * 60 * 60 * 1000;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export type TlsFiles = { caCertificate: string; certificate: string; privateKey: string };

/** Writes ca.crt, server.crt and server.key (0600) unless the certificate and key exist. */
export async function ensureTlsFiles(files: TlsFiles): Promise<boolean> {
  if (fs.existsSync(files.certificate) && fs.existsSync(files.privateKey)) return false;
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  const now = Date.now();
  const caKeys = (await crypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=Keyhold XKS proxy local CA, O=Keyhold",
    keys: caKeys,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 10 * 365 * DAY),
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = (await crypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const server = await x509.X509CertificateGenerator.create({
    subject: "CN=localhost, O=Keyhold XKS proxy",
    issuer: ca.subject,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 825 * DAY),
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", serverKeys.privateKey);
  for (const f of [files.caCertificate, files.certificate, files.privateKey])
    fs.mkdirSync(path.dirname(f), { recursive: true, mode: 0o700 });
  fs.writeFileSync(files.privateKey, pem("PRIVATE KEY", pkcs8), { mode: 0o600 });
  fs.writeFileSync(files.certificate, server.toString("pem") + "\n", { mode: 0o644 });
  fs.writeFileSync(files.caCertificate, ca.toString("pem") + "\n", { mode: 0o644 });
  return true;
}
