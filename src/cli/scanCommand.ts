// `mcp-gatekeeper scan`: discover, check, print (table, JSON or SARIF), exit by --fail-on.
import { failsAt, toJsonReport, type FailOn } from '../core/report/json';
import { toSarif } from '../core/report/sarif';
import { formatTable } from '../core/report/table';
import { scan } from '../core/scan';
import { oneOf, parse } from './args';
import { discoveryContext, INVENTORY_OPTIONS, loadPolicyInventory, LOCATION_OPTIONS, policyContext, TRUST_OPTIONS } from './context';
import { withTrustSignals } from './trust';

const FORMATS = ['table', 'json', 'sarif'] as const;
const FAIL_ON = ['shadow', 'warning', 'never'] as const;

export async function runScan(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...LOCATION_OPTIONS,
    ...INVENTORY_OPTIONS,
    ...TRUST_OPTIONS,
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const format = oneOf('format', values.format, FORMATS, 'table');
  const failOn: FailOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'shadow');
  const ctx = await discoveryContext(values);
  const policy = await policyContext(ctx, values);
  const inventory = await loadPolicyInventory(ctx, policy, values);
  if (inventory.fromCache) process.stderr.write(`mcp-gatekeeper: warning: using the cached inventory from ${inventory.fetchedAt}: ${inventory.error}\n`);

  const scanned = await scan({ ...ctx, inventory, policy: policy.checks, includeAbsent: values.verbose === true });
  const result = { ...scanned, servers: await withTrustSignals(scanned.servers, ctx, policy, values) };
  if (format === 'json') process.stdout.write(`${JSON.stringify(toJsonReport(result), null, 2)}\n`);
  else if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(toSarif(result, { workspaces: ctx.workspaces, home: ctx.home, docsBaseUrl: policy.policy.docsBaseUrl.value }), null, 2)}\n`);
  } else process.stdout.write(formatTable(result, { home: ctx.home, width: process.stdout.columns, color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return failsAt(result, failOn) ? 1 : 0;
}
