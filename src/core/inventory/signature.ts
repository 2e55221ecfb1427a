// Optional inventory integrity: Ed25519 signatures, detached (`<source>.sig`, base64 over the exact bytes) or
// embedded (a top-level `signature` over the canonical JSON of the rest of the document).
import * as crypto from 'node:crypto';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A trusted key as policy gives it: PEM (`-----BEGIN PUBLIC KEY-----`) or base64 of the raw 32-byte key. */
export function parsePublicKey(text: string): crypto.KeyObject {
  const t = text.trim();
  if (t.includes('-----BEGIN')) {
    const key = crypto.createPublicKey(t);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
    return key;
  }
  const raw = Buffer.from(t, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes (base64) or a PEM block');
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function verifyBytes(bytes: Buffer, signatureBase64: string, keys: readonly crypto.KeyObject[]): boolean {
  const sig = Buffer.from(signatureBase64.trim(), 'base64');
  if (sig.length !== 64) return false;
  return keys.some((key) => {
    try {
      return crypto.verify(null, bytes, key, sig);
    } catch {
      return false;
    }
  });
}

export function signBytes(bytes: Buffer, privateKeyPem: string): string {
  return crypto.sign(null, bytes, crypto.createPrivateKey(privateKeyPem)).toString('base64');
}

/** JSON with sorted keys and no whitespace: the bytes an embedded signature covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The embedded signature and the bytes it covers, when the document has one. */
export function embeddedSignature(data: unknown): { signature: string; signed: Buffer } | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { signature, ...rest } = data as Record<string, unknown>;
  const value = typeof signature === 'string' ? signature : (signature as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string') return null;
  return { signature: value, signed: Buffer.from(canonicalJson(rest), 'utf8') };
}

export function generateKeyPair(): { publicKeyPem: string; privateKeyPem: string; publicKeyBase64: string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64: der.subarray(SPKI_ED25519_PREFIX.length).toString('base64'),
  };
}
