// `mcp-gatekeeper policy`: the effective policy and where each value came from.
import { parse, oneOf } from './args';
import { discoveryContext, INVENTORY_OPTIONS, LOCATION_OPTIONS, policyContext } from './context';
import type { EffectivePolicy } from '../core/policy/policy';

export async function runPolicy(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...LOCATION_OPTIONS, ...INVENTORY_OPTIONS, format: { type: 'string' } });
  const format = oneOf('format', values.format, ['table', 'json'] as const, 'table');
  const ctx = await discoveryContext(values);
  const { policy, policyFile } = await policyContext(ctx, values);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ policyFile, values: policy }, null, 2)}\n`);
    return 0;
  }
  const rows: [string, string, string][] = (Object.keys(policy) as (keyof EffectivePolicy)[]).map((key) => [key, show(key, policy[key].value), policy[key].origin]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.min(60, Math.max(...rows.map((r) => r[1].length)));
  process.stdout.write(`Managed policy file: ${policyFile}\n\n`);
  for (const [k, v, o] of rows) process.stdout.write(`${k.padEnd(w0)}  ${v.padEnd(w1)}  (${o})\n`);
  return 0;
}

function show(key: keyof EffectivePolicy, value: unknown): string {
  // keys are public, but keep the line short
  if (key === 'trustedKeys') return Array.isArray(value) && value.length ? `${value.length} key(s)` : 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
