import "server-only";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

// A cluster's PKI, as after CloudHSM's "initialize cluster": the customer's self-signed issuing CA
// (its certificate is the trust anchor, customerCA.crt) signs the cluster's certificate. The private
// keys are not kept: Keyhold never signs anything with them again, and a real customer keeps the CA
// key offline anyway.

export type ClusterPki = { trustAnchorPem: string; clusterCertificatePem: string };

const RSA: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

const DAY = 24 * 60 * 60 * 1000;

export async function issueClusterPki(clusterId: string): Promise<ClusterPki> {
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  const now = new Date();
  const caKeys = (await crypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=Keyhold customer CA for ${clusterId}, O=Keyhold, C=US`,
    keys: caKeys,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY),
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const clusterKeys = (await crypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const cluster = await x509.X509CertificateGenerator.create({
    subject: `CN=${clusterId}, O=Keyhold local CloudHSM, C=US`,
    issuer: ca.subject,
    publicKey: clusterKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY),
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(clusterKeys.publicKey),
    ],
  });
  return { trustAnchorPem: ca.toString("pem"), clusterCertificatePem: cluster.toString("pem") };
}
