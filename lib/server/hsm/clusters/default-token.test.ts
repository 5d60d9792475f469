import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import pkcs11js from "pkcs11js";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { decryptGcm, encryptGcm } from "@/lib/server/hsm/aes-gcm.ts";
import { ckrCode } from "@/lib/server/hsm/errors.ts";
import { keyHandle } from "@/lib/server/hsm/key-index.ts";
import { wrapKey } from "@/lib/server/hsm/key-wrap.ts";
import { generateAesKey } from "@/lib/server/hsm/keys.ts";
import { pkcs11 } from "@/lib/server/hsm/module.ts";
import { withTokenSession } from "@/lib/server/hsm/session-pool.ts";
import { listTokens } from "@/lib/server/hsm/slots.ts";
import { isIssuedBy } from "@/lib/server/platform/x509/is-issued-by.ts";
import { describeClusters } from "./describe-clusters.ts";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "./ensure-default-token.ts";
import { readKmsuserPasswordFile } from "./cluster-files.ts";
import { ensureDemoCluster } from "./ensure-demo-cluster.ts";
import { loginKmsuser } from "./login-kmsuser.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

const dir = useMigratedDataDir("default-token");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/aws-kms-origin";

describe("default token", () => {
  it("is created once, with sealed PINs in the Setting table, and logged in", async () => {
    const [first, second] = await Promise.all([ensureDefaultToken(), ensureDefaultToken()]);
    expect(first).toEqual({ label: DEFAULT_TOKEN_LABEL, created: true });
    expect(second).toEqual(first);
    expect((await ensureDefaultToken()).created).toBe(false);
    expect(listTokens().filter((t) => t.label === DEFAULT_TOKEN_LABEL)).toHaveLength(1);
    const settings = await db().setting.findMany({ where: { key: { startsWith: "hsm.default-token." } } });
    expect(settings).toHaveLength(2);
    for (const s of settings) expect(s.value).toMatch(/^v1\./);
  });

  it("its keys work and are never extractable: C_WrapKey fails, CKA_VALUE is sensitive", async () => {
    await generateAesKey(DEFAULT_TOKEN_LABEL, KEY);
    const sealed = await encryptGcm(DEFAULT_TOKEN_LABEL, KEY, Buffer.from("aws_kms"));
    expect(await decryptGcm(DEFAULT_TOKEN_LABEL, KEY, sealed)).toEqual(Buffer.from("aws_kms"));
    // No wrapping key exists on the default token at all…
    await expect(wrapKey(DEFAULT_TOKEN_LABEL, KEY)).rejects.toMatchObject({ code: "KMSInvalidStateException" });
    // …and wrapping under any key the user can make is refused by the token.
    let wrapCode: number | undefined;
    let valueCode: number | undefined;
    await withTokenSession(DEFAULT_TOKEN_LABEL, (session, token) => {
      const p = pkcs11();
      const wrapper = p.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_WRAP, value: true },
      ]);
      for (const mechanism of [pkcs11js.CKM_AES_KEY_WRAP_PAD, pkcs11js.CKM_AES_KEY_WRAP, pkcs11js.CKM_AES_CBC]) {
        wrapCode = undefined;
        try {
          const parameter = mechanism === pkcs11js.CKM_AES_CBC ? Buffer.alloc(16) : undefined;
          p.C_WrapKey(session, { mechanism, parameter }, wrapper, keyHandle(token, KEY), Buffer.alloc(128));
        } catch (e) {
          wrapCode = ckrCode(e);
        }
        expect(wrapCode).toBe(pkcs11js.CKR_KEY_UNEXTRACTABLE);
      }
      try {
        p.C_GetAttributeValue(session, keyHandle(token, KEY), [{ type: pkcs11js.CKA_VALUE }]);
      } catch (e) {
        valueCode = ckrCode(e);
      }
    });
    expect(valueCode).toBe(pkcs11js.CKR_ATTRIBUTE_SENSITIVE);
  });
});

describe("demo cluster", () => {
  it("is created once with two ACTIVE HSMs in two AZs, trust anchor and kmsuser password files", async () => {
    const first = await ensureDemoCluster();
    expect(first.created).toBe(true);
    const again = await ensureDemoCluster();
    expect(again).toEqual({ clusterId: first.clusterId, created: false });
    expect(await describeClusters()).toHaveLength(1);

    const [cluster] = await describeClusters({ clusterIds: [first.clusterId] });
    expect(cluster?.ClusterId).toMatch(/^cluster-[2-7a-z]{11,16}$/);
    expect(cluster?.State).toBe("ACTIVE");
    expect(cluster?.Hsms?.map((h) => [h.AvailabilityZone, h.State])).toEqual([
      ["us-east-1a", "ACTIVE"],
      ["us-east-1b", "ACTIVE"],
    ]);

    const folder = path.join(dir, "clusters", first.clusterId);
    const anchor = fs.readFileSync(path.join(folder, "customerCA.crt"), "utf8");
    expect(anchor).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const ca = new x509.X509Certificate(anchor);
    expect(ca.subject).toBe(ca.issuer);
    expect(await isIssuedBy(cluster!.Certificates!.ClusterCertificate!, anchor)).toBe(true);

    const pwFile = path.join(folder, "kmsuser-password");
    expect(fs.statSync(pwFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(pwFile, "utf8")).toContain("STARTING password");
    const password = readKmsuserPasswordFile(pwFile);
    expect(password).toMatch(/^[A-Za-z0-9]{7,32}$/);
    expect((await loginKmsuser({ clusterId: first.clusterId, password })).hsmIds).toHaveLength(2);

    // The trust anchor is restored if removed; the password file is not (a connect may have rotated
    // the password to one only the service may know).
    fs.rmSync(pwFile);
    fs.rmSync(path.join(folder, "customerCA.crt"));
    await ensureDemoCluster();
    expect(fs.readFileSync(path.join(folder, "customerCA.crt"), "utf8")).toBe(anchor);
    expect(fs.existsSync(pwFile)).toBe(false);
  });
});
