// `mcp-gatekeeper request`: build (and optionally send) an approval request for a detected server, without secrets.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { requestRecord } from '../core/audit/snapshot';
import type { CheckedServer } from '../core/model';
import { gitIdentity } from '../core/request/identity';
import { buildPayload, newDraft, splitAnswers, toFormUrl, toMailto, toMarkdown, validateDraft } from '../core/request/payload';
import { appendRecord, serverKey } from '../core/request/records';
import { submitRequest } from '../core/request/submit';
import { requestChannel } from '../core/request/formState';
import { scan } from '../core/scan';
import { printable } from '../core/text';
import { parse, UsageError } from './args';
import { AUDIT_SOURCE, cacheDirOf, cliAuditLogPath, discoveryContext, INVENTORY_OPTIONS, loadPolicyInventory, LOCATION_OPTIONS, policyContext, recordChanges, TRUST_OPTIONS } from './context';
import { withTrustSignals } from './trust';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

export async function runRequest(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...LOCATION_OPTIONS,
    ...INVENTORY_OPTIONS,
    ...TRUST_OPTIONS,
    server: { type: 'string' },
    file: { type: 'string' },
    print: { type: 'boolean' },
    submit: { type: 'boolean' },
    field: { type: 'string', multiple: true },
    answers: { type: 'string' },
  });
  if (!values.server) throw new UsageError('--server NAME is required');
  if (values.print === values.submit) throw new UsageError('use exactly one of --print or --submit');
  const ctx = await discoveryContext(values);
  const policy = await policyContext(ctx, values);
  const inventory = await loadPolicyInventory(ctx, policy, values);
  const result = await scan({ ...ctx, inventory, policy: policy.checks });
  const picked = pickServer(result.servers, values.server, values.file);
  // only this server's package is looked up; a failed lookup leaves the request without the block, never stops it
  const [server] = await withTrustSignals([picked], ctx, policy, values);

  const draft = newDraft(server, await gitIdentity(ctx.workspaces[0]));
  const given = { ...(values.answers ? await readAnswers(values.answers) : {}), ...parseFields(values.field ?? []) };
  const split = splitAnswers(given);
  draft.answers = { ...draft.answers, ...split.answers };
  draft.extra = split.extra;
  const inv = inventory.inventory;
  const payload = buildPayload(draft, inv, VERSION);
  if (server.verdict === 'approved') process.stderr.write(`mcp-gatekeeper: note: "${printable(server.name)}" is already approved.\n`);

  if (values.print) {
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    return 0;
  }
  const errors = validateDraft(draft, inv);
  if (errors.length) throw new UsageError(`the request is incomplete:\n${errors.map((e) => `  ${e.key}: ${e.message}`).join('\n')}\nGive answers with --field key=value or --answers FILE.`, false);
  const channel = requestChannel(inv);
  if (channel.kind === 'none') throw new UsageError('the inventory has no gateway.requestUrl to send requests to; use --print and send the JSON yourself', false);
  const target = channel.url;

  const recordsFile = path.join(cacheDirOf(ctx, values), 'requests.json');
  const auditLog = cliAuditLogPath(ctx);
  const record = async (id: string | null, channel: 'post' | 'browser' | 'mailto') => {
    await appendRecord(recordsFile, { key: serverKey(server), name: server.name, id, submittedAt: new Date().toISOString(), verdict: server.verdict, channel }).catch(() => undefined);
    await recordChanges(auditLog, [requestRecord(AUDIT_SOURCE, server, { channel, id, url: target })]);
  };

  if (channel.kind === 'mailto') {
    process.stdout.write(`${toMailto(target, payload)}\n`);
    await record(null, 'mailto');
    return 0;
  }
  if (channel.kind === 'browser') {
    // a web form: the CLI cannot fill it in; it prints the prefilled link and the request as Markdown
    process.stdout.write(`Open this link to file the request:\n${toFormUrl(target, payload)}\n\n${toMarkdown(payload)}\n`);
    await record(null, 'browser');
    return 0;
  }
  const sent = await submitRequest(target, payload, { caFiles: policy.policy.caFile.value ? [policy.policy.caFile.value] : undefined });
  if (!sent.ok) {
    process.stderr.write(`mcp-gatekeeper: the request was not sent: ${printable(sent.message)}\n`);
    return 1;
  }
  await record(sent.id, 'post');
  process.stdout.write(`Approval requested for "${printable(server.name)}"${sent.id ? `: request #${printable(sent.id)}` : ''}.\n`);
  return 0;
}

function pickServer(servers: CheckedServer[], name: string, file: string | undefined): CheckedServer {
  const wanted = file ? path.resolve(file) : undefined;
  const hits = servers.filter((s) => s.name === name && (!wanted || s.file === wanted));
  if (hits.length === 1) return hits[0];
  if (!hits.length) throw new UsageError(`no MCP server named "${name}" was found${wanted ? ` in ${wanted}` : ''}`, false);
  const where = hits.map((s) => `  ${s.client} ${s.scope} ${s.file}:${s.range.start.line + 1}`).join('\n');
  throw new UsageError(`"${name}" is defined ${hits.length} times; choose one with --client or --file:\n${where}`, false);
}

function parseFields(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field needs key=value (got "${f}")`);
    out[f.slice(0, eq).trim()] = f.slice(eq + 1);
  }
  return out;
}

async function readAnswers(file: string): Promise<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(path.resolve(file), 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read answers from ${file}: ${e instanceof Error ? e.message : String(e)}`, false);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file} must hold a JSON object of answers`, false);
  return data as Record<string, unknown>;
}
