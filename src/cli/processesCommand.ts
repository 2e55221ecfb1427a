// `mcp-gatekeeper processes`: running processes that look like MCP servers, each matched to the configured entry
// that explains it, or flagged as running but configured in no known client. Read-only: no process is signalled.
// Exit codes: 0 every running server is configured and approved, 1 some is unconfigured or not approved, 2 errors.
// Hidden test hook: `--ps-output FILE --ps-format linux|darwin|win32` reads a recorded process table instead.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../core/checker';
import { findRunningServers, processesFail } from '../core/processes/correlate';
import { listProcesses, parsePsOutput, parseWindowsJson, parseWmicCsv, ProcessListError, type ProcessInfo, type ProcessTableFormat } from '../core/processes/list';
import { formatProcessesTable, toProcessesJson } from '../core/processes/report';
import { scan } from '../core/scan';
import { oneOf, parse, UsageError } from './args';
import { discoveryContext, hostPlatform, INVENTORY_OPTIONS, loadPolicyInventory, LOCATION_OPTIONS, policyContext } from './context';

const FORMATS = ['table', 'json'] as const;
const TABLE_FORMATS = ['linux', 'darwin', 'win32'] as const;

export async function runProcesses(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...LOCATION_OPTIONS,
    ...INVENTORY_OPTIONS,
    format: { type: 'string' },
    'ps-output': { type: 'string' },
    'ps-format': { type: 'string' },
  });
  const format = oneOf('format', values.format, FORMATS, 'table');
  if (values['ps-format'] && !values['ps-output']) throw new UsageError('--ps-format needs --ps-output');
  const ctx = await discoveryContext(values);
  const policy = await policyContext(ctx, values);
  const inventory = await loadPolicyInventory(ctx, policy, values);
  if (inventory.fromCache) process.stderr.write(`mcp-gatekeeper: warning: using the cached inventory from ${inventory.fetchedAt}: ${inventory.error}\n`);

  const table = values['ps-output']
    ? await readRecordedTable(values['ps-output'], oneOf('ps-format', values['ps-format'], TABLE_FORMATS, hostPlatform()))
    : await liveTable();
  const configured = await scan({ ...ctx, inventory, policy: policy.checks });
  const result = findRunningServers(table, configured.servers, new Checker(inventory, policy.checks), values['ps-output'] ? {} : { selfPid: process.pid });

  if (format === 'json') process.stdout.write(`${JSON.stringify(toProcessesJson(result), null, 2)}\n`);
  else process.stdout.write(formatProcessesTable(result, { home: ctx.home, width: process.stdout.columns, color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return processesFail(result) ? 1 : 0;
}

async function liveTable(): Promise<ProcessInfo[]> {
  try {
    return await listProcesses();
  } catch (e) {
    if (e instanceof ProcessListError) throw new UsageError(e.message, false);
    throw e;
  }
}

async function readRecordedTable(file: string, format: ProcessTableFormat): Promise<ProcessInfo[]> {
  const text = await fs.readFile(path.resolve(file), 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --ps-output ${file}: ${e.code ?? e.message}`, false);
  });
  try {
    if (format !== 'win32') return parsePsOutput(text);
    // PowerShell JSON, or the wmic CSV fallback
    return /^\s*(\ufeff)?\s*[[{]/.test(text) ? parseWindowsJson(text) : parseWmicCsv(text);
  } catch (e) {
    throw new UsageError(`--ps-output ${file}: ${e instanceof Error ? e.message : String(e)}`, false);
  }
}
