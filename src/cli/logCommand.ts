// `mcp-gatekeeper log`: the change log (every fix written and request sent by the CLI or the extension), newest
// first, as a table or JSON. Read-only.
import * as os from 'node:os';
import * as path from 'node:path';
import { formatAuditTable, newestFirst } from '../core/audit/format';
import { readAuditLog } from '../core/audit/log';
import { parse, UsageError } from './args';
import { cliAuditLogPath, describeError, hostPlatform } from './context';

export async function runLog(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    json: { type: 'boolean' },
    limit: { type: 'string' },
    file: { type: 'string' },
    log: { type: 'string' },
    home: { type: 'string' },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a whole number of at least 1 (got "${values.limit}")`);
  const home = path.resolve(values.home ?? os.homedir());
  const logFile = values.log ? path.resolve(values.log) : cliAuditLogPath({ home, platform: hostPlatform(), env: values.home ? {} : { ...process.env } });

  let log;
  try {
    log = await readAuditLog(logFile);
  } catch (e) {
    throw new UsageError(`cannot read the change log ${logFile}: ${describeError(e)}`, false);
  }
  const wanted = values.file ? path.resolve(values.file) : undefined;
  const records = newestFirst(wanted ? log.records.filter((r) => r.file === wanted) : log.records, limit);
  if (log.skipped) process.stderr.write(`mcp-gatekeeper: note: ${log.skipped} line${log.skipped === 1 ? '' : 's'} of ${logFile} could not be read and ${log.skipped === 1 ? 'was' : 'were'} skipped\n`);

  if (values.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else {
    process.stdout.write(formatAuditTable(records, { home, width: process.stdout.columns }));
    if (!log.files.length) process.stdout.write(`(no change log yet at ${logFile})\n`);
  }
  return 0;
}
