// `mcp-gatekeeper fix`: apply the safe quick-fixes (gateway routes, approved version pins; with --disable-shadow
// also the client's own disable flag for unknown servers) and print a unified diff. `--write` edits in place
// atomically with a `.bak` copy, and never touches a file that changed during the run.
import { createTwoFilesPatch } from 'diff';
import { fixRecord, type FixChange } from '../core/audit/snapshot';
import { Checker } from '../core/checker';
import { discoverAllLocations, filterByClient } from '../core/discovery';
import { planFixes } from '../core/fix/plan';
import { maskSecretsIn, secretValues } from '../core/fix/secretValues';
import { applyEdits, type PlannedFix } from '../core/fix/types';
import type { CheckedServer, RuleId } from '../core/model';
import { parseDocument } from '../core/parse';
import { readConfigFile } from '../core/readFile';
import { analyzeText, scan } from '../core/scan';
import { printable } from '../core/text';
import { parse, UsageError } from './args';
import { AUDIT_SOURCE, cliAuditLogPath, discoveryContext, INVENTORY_OPTIONS, loadPolicyInventory, LOCATION_OPTIONS, policyContext, recordChanges } from './context';
import { writeSafely } from './safeWrite';

export async function runFix(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...LOCATION_OPTIONS,
    ...INVENTORY_OPTIONS,
    'dry-run': { type: 'boolean' },
    write: { type: 'boolean' },
    rule: { type: 'string', multiple: true },
    'disable-shadow': { type: 'boolean' },
  });
  if (values['dry-run'] && values.write) throw new UsageError('use either --dry-run or --write');
  const write = values.write === true;
  const rules = values.rule as RuleId[] | undefined;
  const ctx = await discoveryContext(values);
  const policy = await policyContext(ctx, values);
  const inventory = await loadPolicyInventory(ctx, policy, values);
  const checker = new Checker(inventory, policy.checks);
  const result = await scan({ ...ctx, inventory, policy: policy.checks });
  const auditLog = cliAuditLogPath(ctx);

  let remaining = 0;
  let errors = 0;
  const byFile = new Map<string, CheckedServer[]>();
  for (const s of result.servers) if (s.findings.some((f) => f.severity !== 'info')) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);

  // the files as discovery describes them (format, names other files turn off, open projects of ~/.claude.json…),
  // so each one is read here exactly as the scan read it
  const locations = new Map(filterByClient(await discoverAllLocations(ctx), ctx.clients).map((l) => [l.path, l]));
  for (const [file, servers] of byFile) {
    const loc = locations.get(file);
    if (!loc) continue;
    const read = await readConfigFile(file, loc.maxBytes);
    if (read.kind !== 'text') continue;
    const before = read.text;
    let text = before;
    const applied: PlannedFix[] = [];
    const changes: FixChange[] = [];
    const original = analyzeText(before, loc, checker).servers;
    // one server at a time, re-planning on the edited text, so edits never overlap; a name can be used twice in a
    // file (user and project entries of ~/.claude.json): the same occurrence is found again
    for (const server of servers) {
      const nth = original.filter((s) => s.name === server.name).findIndex((s) => s.keyOffset === server.keyOffset);
      const current = analyzeText(text, loc, checker).servers.filter((s) => s.name === server.name)[nth];
      if (!current) continue;
      const fix = chooseFix(planFixes(text, loc, current, checker), current, rules, values['disable-shadow'] === true);
      if (!fix) continue;
      const step = text;
      text = applyEdits(text, fix.edits);
      applied.push(fix);
      changes.push({ fix, location: loc, before: step, after: text, nth });
    }
    remaining += analyzeText(text, loc, checker).servers.filter((s) => s.findings.some((f) => f.severity !== 'info') && (!rules?.length || s.findings.some((f) => rules.includes(f.rule)))).length;
    if (!applied.length) continue;

    const secrets = secretValues(parseDocument(before, loc.format).root);
    const patch = createTwoFilesPatch(file, file, before, text, '', '', { context: 3 });
    process.stdout.write(maskSecretsIn(patch, secrets));
    for (const f of applied) {
      process.stdout.write(`# ${printable(f.server)}: ${f.title}${f.dropped.length ? ` (dropped: ${f.dropped.join(', ')}; the gateway holds credentials)` : ''}\n`);
    }
    if (write) {
      const outcome = await writeSafely(file, before, text);
      if (outcome) {
        errors++;
        process.stderr.write(`mcp-gatekeeper: ${file}: ${outcome}; not written\n`);
      } else {
        process.stdout.write(`# wrote ${file} (backup: ${file}.bak)\n`);
        await recordChanges(auditLog, changes.map((c) => fixRecord(AUDIT_SOURCE, 'fix', c, { saved: true, backup: `${file}.bak` })));
      }
    }
  }
  if (!write && byFile.size) process.stdout.write(`# dry run: nothing was written; use --write to apply\n`);
  if (errors) return 2;
  return remaining > 0 ? 1 : 0;
}

/** The safe fix for this server: gateway, then pin; disabling only with --disable-shadow and only unknown servers. */
function chooseFix(fixes: PlannedFix[], server: CheckedServer, rules: RuleId[] | undefined, disableShadow: boolean): PlannedFix | undefined {
  const wanted = (f: PlannedFix) => !rules?.length || f.rules.some((r) => rules.includes(r));
  const safe = fixes.filter((f) => f.safe && f.kind !== 'disable' && wanted(f));
  const pick = safe.find((f) => f.kind === 'gateway') ?? safe.find((f) => f.kind === 'pin');
  if (pick) return pick;
  if (disableShadow && server.verdict === 'unknown') return fixes.find((f) => f.kind === 'disable' && wanted(f));
  return undefined;
}

