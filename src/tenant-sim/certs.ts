/**
 * The local tenant's key material, generated on first start and kept in its state dir: a CA and an
 * HTTPS server certificate for 127.0.0.1/localhost (ECDSA P-256, the @peculiar/x509 recipe of
 * local-https-auth.md §1), and the RSA key that signs access tokens (RS256, like Entra's).
 * Clients trust `ca.pem`; nothing turns certificate checks off.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface TenantCerts {
  caPem: string;
  caFile: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** Token signing key (RSA-2048). */
  signingKey: KeyObject;
  signingPublicKey: KeyObject;
  /** `kid` of the signing key: base64url SHA-256 of its SPKI, stable across restarts. */
  signingKid: string;
}

const FILES = {
  ca: "ca.pem",
  caKey: "ca-key.pem",
  server: "server.pem",
  serverKey: "server-key.pem",
  signingKey: "token-signing-key.pem",
} as const;

const ECDSA = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

/** Loads the key material from `dir`, creating whatever is missing (or a server cert about to expire). */
export async function loadOrCreateTenantCerts(dir: string, now: Date = new Date()): Promise<TenantCerts> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = (name: string) => join(dir, name);

  let caPem: string;
  let caKeyPem: string;
  let fresh = false;
  if (existsSync(path(FILES.ca)) && existsSync(path(FILES.caKey))) {
    caPem = readFileSync(path(FILES.ca), "utf8");
    caKeyPem = readFileSync(path(FILES.caKey), "utf8");
  } else {
    ({ caPem, caKeyPem } = await createCa(now));
    writeFileSync(path(FILES.ca), caPem, { mode: 0o644 });
    writeFileSync(path(FILES.caKey), caKeyPem, { mode: 0o600 });
    fresh = true;
  }

  let serverCertPem: string;
  let serverKeyPem: string;
  const haveServer = existsSync(path(FILES.server)) && existsSync(path(FILES.serverKey));
  if (!fresh && haveServer && !expiresSoon(readFileSync(path(FILES.server), "utf8"), now)) {
    serverCertPem = readFileSync(path(FILES.server), "utf8");
    serverKeyPem = readFileSync(path(FILES.serverKey), "utf8");
  } else {
    ({ serverCertPem, serverKeyPem } = await createServerCert(caPem, caKeyPem, now));
    writeFileSync(path(FILES.server), serverCertPem, { mode: 0o644 });
    writeFileSync(path(FILES.serverKey), serverKeyPem, { mode: 0o600 });
  }

  let signingKeyPem: string;
  if (existsSync(path(FILES.signingKey))) {
    signingKeyPem = readFileSync(path(FILES.signingKey), "utf8");
  } else {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    signingKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(path(FILES.signingKey), signingKeyPem, { mode: 0o600 });
  }
  const signingKey = createPrivateKey(signingKeyPem);
  const signingPublicKey = createPublicKey(signingKey);
  const spki = signingPublicKey.export({ type: "spki", format: "der" });
  const signingKid = createHash("sha256").update(spki).digest("base64url");

  return { caPem, caFile: path(FILES.ca), serverCertPem, serverKeyPem, signingKey, signingPublicKey, signingKid };
}

function expiresSoon(certPem: string, now: Date): boolean {
  const cert = new x509.X509Certificate(certPem);
  return cert.notAfter.getTime() - now.getTime() < 30 * DAY_MS;
}

async function createCa(now: Date): Promise<{ caPem: string; caKeyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=holofleet local tenant CA",
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
    keys,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const caKeyDer = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { caPem: ca.toString("pem") + "\n", caKeyPem: x509.PemConverter.encode(caKeyDer, "PRIVATE KEY") + "\n" };
}

async function createServerCert(
  caPem: string,
  caKeyPem: string,
  now: Date,
): Promise<{ serverCertPem: string; serverKeyPem: string }> {
  const ca = new x509.X509Certificate(caPem);
  const caKey = await webcrypto.subtle.importKey(
    "pkcs8",
    x509.PemConverter.decodeFirst(caKeyPem),
    ECDSA,
    false,
    ["sign"],
  );
  const keys = await webcrypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=localhost",
    issuer: ca.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    // 397 days: the longest validity TLS clients accept for a server certificate.
    notAfter: new Date(now.getTime() + 397 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "ip", value: "127.0.0.1" },
        { type: "dns", value: "localhost" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyDer = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    serverCertPem: leaf.toString("pem") + "\n",
    serverKeyPem: x509.PemConverter.encode(keyDer, "PRIVATE KEY") + "\n",
  };
}

function randomSerial(): string {
  // A positive serial: clear the top bit so DER does not read it as negative.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

/** A self-signed RSA certificate for an app registration's certificate credential (tests, `/_sim/applications`). */
export async function createClientCertificate(
  subject: string,
  now: Date = new Date(),
): Promise<{ certPem: string; keyPem: string; thumbprintSha256: string }> {
  const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${subject}`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 365 * DAY_MS),
    keys,
    signingAlgorithm: alg,
  });
  const keyDer = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certPem: cert.toString("pem") + "\n",
    keyPem: x509.PemConverter.encode(keyDer, "PRIVATE KEY") + "\n",
    thumbprintSha256: createHash("sha256").update(Buffer.from(cert.rawData)).digest("hex"),
  };
}
