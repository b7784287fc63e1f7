/**
 * The client certificate of `AZURE_CLIENT_CERTIFICATE_PATH`: a PEM file holding the certificate
 * (and optionally its chain) and its private key, encrypted when `AZURE_CLIENT_CERTIFICATE_PASSWORD`
 * is set — the format Azure Identity's environment credential reads. MSAL needs the SHA-256
 * thumbprint of the certificate (`thumbprintSha256`; SHA-1 is deprecated, graph-facts §10) and the
 * key in PKCS#8 PEM, and signs assertions with RSA (PS256), so an EC key is refused up front.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { AuthenticationError } from "./errors.ts";

export interface ClientCertificate {
  /** Hex SHA-256 of the certificate's DER. */
  thumbprintSha256: string;
  /** PKCS#8 PEM (decrypted). */
  privateKeyPem: string;
  /** The certificate and any chain after it, PEM (for `x5c`). */
  chainPem: string;
  subject: string;
  notAfter: Date;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

export function loadClientCertificate(path: string, password?: string, read: (p: string) => string = (p) => readFileSync(p, "utf8")): ClientCertificate {
  const problem = (message: string, fix: string, cause?: unknown) =>
    new AuthenticationError("HF5106", `the client certificate ${path} ${message}`, { source: { file: path, start: { line: 1, col: 1 } }, fix, cause });
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    throw problem(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, "Point AZURE_CLIENT_CERTIFICATE_PATH at a PEM file holding the certificate and its private key.", err);
  }
  const certs = text.match(CERT_BLOCK) ?? [];
  const keyPem = KEY_BLOCK.exec(text)?.[0];
  if (!certs.length) throw problem("holds no PEM certificate", "The file must contain -----BEGIN CERTIFICATE----- and the private key.");
  if (!keyPem) throw problem("holds no private key", "Append the certificate's private key (PEM) to the file; holofleet signs the client assertion with it.");
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certs[0]!);
  } catch (err) {
    throw problem("holds a certificate that cannot be parsed", "Export the certificate again as PEM.", err);
  }
  try {
    key = createPrivateKey(password ? { key: keyPem, passphrase: password } : { key: keyPem });
  } catch (err) {
    const encrypted = keyPem.includes("ENCRYPTED");
    throw problem(
      encrypted ? (password ? "has an encrypted key that the password does not open" : "has an encrypted key and no password was given") : "holds a private key that cannot be read",
      encrypted ? "Set AZURE_CLIENT_CERTIFICATE_PASSWORD to the key's password." : "Export the key again as PEM.",
      err,
    );
  }
  if (key.asymmetricKeyType !== "rsa")
    throw problem(`has a ${key.asymmetricKeyType?.toUpperCase() ?? "non-RSA"} key; Entra client assertions from MSAL are signed with RSA`, "Use an RSA certificate (2048 bits or more).");
  const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" });
  if (!spki(createPublicKey(key)).equals(spki(cert.publicKey))) throw problem("holds a private key that does not belong to its certificate", "Put the matching key next to the certificate.");
  return {
    thumbprintSha256: cert.fingerprint256.replace(/:/g, "").toLowerCase(),
    privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
    chainPem: certs.join("\n"),
    subject: cert.subject.replace(/\n/g, ", "),
    notAfter: new Date(cert.validTo),
  };
}
