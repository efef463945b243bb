// Compact JWS for the Graph lab: access tokens it issues (RS256, per-run key) and client assertions it verifies
// (RS256 or PS256, against the app's registered certificate). RFC 7515/7518; node:crypto only.
import { constants, createSign, createVerify, type KeyObject, type X509Certificate } from 'node:crypto';

export type JwtAlgorithm = 'RS256' | 'PS256';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${part(header)}.${part(payload)}`;
  const signature = createSign('sha256').update(signingInput).sign(key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The parts of a compact JWS, unverified; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(payload)) return null;
    return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
  } catch {
    return null;
  }
}

/** Whether the JWS signature verifies with the key (a public key or a certificate's). */
export function verifyJwtSignature(jwt: DecodedJwt, key: KeyObject | X509Certificate): boolean {
  const publicKey = 'publicKey' in key ? key.publicKey : key;
  const algorithm = jwt.header['alg'];
  const verifier = createVerify('sha256').update(jwt.signingInput);
  if (algorithm === 'RS256') return verifier.verify(publicKey, jwt.signature);
  // RFC 7518 §3.5: PS256 uses MGF1 with SHA-256 and a salt as long as the hash.
  if (algorithm === 'PS256') {
    return verifier.verify(
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      jwt.signature,
    );
  }
  return false;
}

function part(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
