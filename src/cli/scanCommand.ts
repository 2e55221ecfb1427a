// `mcp-gatekeeper scan`: discover, check, print (table or JSON), exit by --fail-on.
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { isClientId } from '../core/clients';
import { bundledInventory, loadInventoryFile, type LoadedInventory } from '../core/inventory/load';
import type { ClientId, Platform } from '../core/model';
import { failsAt, toJsonReport, type FailOn } from '../core/report/json';
import { formatTable } from '../core/report/table';
import { scan } from '../core/scan';
import { oneOf, parse, UsageError } from './args';

const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
const FORMATS = ['table', 'json'] as const;
const FAIL_ON = ['shadow', 'warning', 'never'] as const;

export async function runScan(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    workspace: { type: 'string', multiple: true },
    home: { type: 'string' },
    platform: { type: 'string' },
    inventory: { type: 'string' },
    client: { type: 'string', multiple: true },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const platform = oneOf('platform', values.platform, PLATFORMS, hostPlatform());
  const format = oneOf('format', values.format, FORMATS, 'table');
  const failOn: FailOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'shadow');
  const clients = (values.client ?? []).map((c): ClientId => {
    if (!isClientId(c)) throw new UsageError(`unknown client "${c}"`);
    return c;
  });
  const home = path.resolve(values.home ?? os.homedir());
  const workspaces = (values.workspace?.length ? values.workspace : [process.cwd()]).map((w) => path.resolve(w));
  for (const w of workspaces) await requireDirectory(w, '--workspace');
  if (values.home) await requireDirectory(home, '--home');

  const inventory = await resolveInventory(values.inventory);
  const result = await scan({
    home,
    platform,
    workspaces,
    // a simulated home gets no environment overrides from the real one
    env: values.home ? {} : process.env,
    inventory,
    clients,
    includeAbsent: values.verbose === true,
  });

  if (format === 'json') process.stdout.write(`${JSON.stringify(toJsonReport(result), null, 2)}\n`);
  else process.stdout.write(formatTable(result, { home, width: process.stdout.columns, color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return failsAt(result, failOn) ? 1 : 0;
}

async function resolveInventory(source: string | undefined): Promise<LoadedInventory> {
  if (!source) return bundledInventory();
  if (/^https?:\/\//i.test(source)) throw new UsageError('inventory URLs are not supported yet; pass a file');
  const r = await loadInventoryFile(path.resolve(source));
  if (!r.ok) throw new UsageError(r.error, false);
  return r.value;
}

async function requireDirectory(dir: string, flag: string): Promise<void> {
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`${flag} ${dir} is not a folder`);
}

function hostPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}
