// `mcp-gatekeeper inventory keygen|sign|verify`: what an admin needs to publish a signed inventory.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseInventoryData } from '../core/inventory/load';
import { canonicalJson, embeddedSignature, generateKeyPair, parsePublicKey, signBytes, verifyBytes } from '../core/inventory/signature';
import { stripBom } from '../core/text';
import { parse, UsageError } from './args';
import { runValidate } from './validateCommand';

export async function runInventory(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'keygen':
      return keygen(rest);
    case 'sign':
      return sign(rest);
    case 'verify':
      return verify(rest);
    case 'validate':
      return runValidate(rest);
    default:
      throw new UsageError(`inventory needs a subcommand: keygen, sign, verify or validate${sub ? ` (got "${sub}")` : ''}`);
  }
}

async function keygen(argv: string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string', short: 'o' } });
  const dir = path.resolve(values.out ?? '.');
  await fs.mkdir(dir, { recursive: true });
  const keys = generateKeyPair();
  const priv = path.join(dir, 'inventory-signing.key');
  const pub = path.join(dir, 'inventory-signing.pub');
  await fs.writeFile(priv, keys.privateKeyPem, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(e.code === 'EEXIST' ? `${priv} exists; not overwritten` : `cannot write ${priv}: ${e.message}`, false);
  });
  await fs.writeFile(pub, keys.publicKeyPem);
  process.stdout.write(`Private key: ${priv} (keep it secret)\nPublic key:  ${pub}\nFor the policy's "trustedKeys": ${keys.publicKeyBase64}\n`);
  return 0;
}

async function sign(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { key: { type: 'string' }, out: { type: 'string', short: 'o' }, embed: { type: 'boolean' } }, true);
  const file = requireOne(positionals, 'inventory file');
  if (!values.key) throw new UsageError('--key PRIVATE_KEY.pem is required');
  const key = await readText(values.key);
  const text = await readText(file);
  if (values.embed) {
    const parsed = parseInventoryData(text, file);
    if (!parsed.ok) throw new UsageError(parsed.error, false);
    const { signature: _old, ...rest } = parsed.data as Record<string, unknown>;
    void _old;
    const signature = signBytes(Buffer.from(canonicalJson(rest), 'utf8'), key);
    const out = values.out ? path.resolve(values.out) : file;
    await writeAtomic(out, `${JSON.stringify({ ...rest, signature: { alg: 'ed25519', value: signature } }, null, 2)}\n`);
    process.stdout.write(`Signed (embedded signature): ${out}\n`);
    return 0;
  }
  const out = path.resolve(values.out ?? `${file}.sig`);
  await writeAtomic(out, `${signBytes(Buffer.from(stripBom(text), 'utf8'), key)}\n`);
  process.stdout.write(`Detached signature: ${out}\nPublish it next to the inventory as <inventory URL>.sig\n`);
  return 0;
}

async function verify(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { key: { type: 'string', multiple: true }, sig: { type: 'string' } }, true);
  const file = requireOne(positionals, 'inventory file');
  if (!values.key?.length) throw new UsageError('--key PUBLIC_KEY (PEM file or base64) is required');
  const keys = await Promise.all(values.key.map(async (k) => parsePublicKey(/^[A-Za-z0-9+/=]{40,}$/.test(k) ? k : await readText(k))));
  const text = stripBom(await readText(file));
  const parsed = parseInventoryData(text, file);
  const embedded = parsed.ok ? embeddedSignature(parsed.data) : null;
  let ok: boolean;
  let how: string;
  if (embedded && !values.sig) {
    ok = verifyBytes(embedded.signed, embedded.signature, keys);
    how = 'embedded signature';
  } else {
    const sigFile = path.resolve(values.sig ?? `${file}.sig`);
    const sig = await readText(sigFile);
    ok = verifyBytes(Buffer.from(text, 'utf8'), sig, keys);
    how = `detached signature ${sigFile}`;
  }
  process.stdout.write(ok ? `OK: ${file} is signed by a trusted key (${how}).\n` : `INVALID: ${how} does not verify ${file} with the given key(s).\n`);
  return ok ? 0 : 1;
}

function requireOne(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}`);
  return path.resolve(positionals[0]);
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, false);
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
