// Shared setup of the rule tests: parse a config as a client would, run one rule, and say where each finding sits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientById } from '../src/core/clients';
import type { ClientId, ConfigFormat, Finding, Range } from '../src/core/model';
import { parseDocument } from '../src/core/parse';
import { checkRules } from '../src/core/rules';
import type { RuleContext, ServerRule } from '../src/core/rules/types';
import { FIXTURES } from './helpers';

export const readRuleFixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'rules', name), 'utf8');

/** Every finding of `rule` in `text`, with the server it belongs to and the exact text its range covers. */
export function runRule(rule: ServerRule, text: string, client: ClientId, format: ConfigFormat, file = '/home/me/config', context?: RuleContext): { server: string; finding: Finding; at: string }[] {
  const doc = parseDocument(text, format);
  const servers = clientById(client).extract(doc, { path: file, client, scope: 'user', format });
  const results = checkRules(doc, servers, [rule], context);
  return servers.flatMap((s) => (results.get(s) ?? []).map((finding) => ({ server: s.name, finding, at: sliceRange(text, finding.range as Range) })));
}

/** The text a zero-based range covers. */
export function sliceRange(text: string, range: Range): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Range['start']) => starts[p.line] + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

export const cursorConfig = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers }, null, 2);
