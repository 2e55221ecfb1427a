// mcp-gatekeeper: the command-line front end over the same core as the extension.
// Exit codes: 0 = nothing at or above --fail-on, 1 = findings, 2 = usage or inventory error.
import { UsageError } from './args';

// Each command's module is loaded when that command runs: `scan` does not pay for export, import, report, inspect,
// request or fix code at start-up (esbuild keeps a required module's evaluation lazy in the bundle).
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => (argv: string[]) => Promise<number>> = {
  scan: () => (require('./scanCommand') as typeof import('./scanCommand')).runScan,
  policy: () => (require('./policyCommand') as typeof import('./policyCommand')).runPolicy,
  inventory: () => (require('./inventoryCommand') as typeof import('./inventoryCommand')).runInventory,
  request: () => (require('./requestCommand') as typeof import('./requestCommand')).runRequest,
  fix: () => (require('./fixCommand') as typeof import('./fixCommand')).runFix,
  processes: () => (require('./processesCommand') as typeof import('./processesCommand')).runProcesses,
  inspect: () => (require('./inspectCommand') as typeof import('./inspectCommand')).runInspect,
  export: () => (require('./exportCommand') as typeof import('./exportCommand')).runExport,
  import: () => (require('./importCommand') as typeof import('./importCommand')).runImport,
  report: () => (require('./reportCommand') as typeof import('./reportCommand')).runReport,
  log: () => (require('./logCommand') as typeof import('./logCommand')).runLog,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const HELP = `mcp-gatekeeper — find MCP servers configured on this machine and check them against your organization's inventory

Usage:
  mcp-gatekeeper scan [options]                 scan this machine and the workspace folders
  mcp-gatekeeper fix [--dry-run | --write] [--rule ID]... [--disable-shadow] [options]
                                                apply the safe fixes (gateway routes, approved version pins) and print a diff
  mcp-gatekeeper inspect NAME [--allow-stdio] [--file PATH] [--client ID] [--format table|json|markdown] [--timeout SECONDS]
                                                connect to one server and report hidden instructions in its tools, tool names
                                                shared with other servers, and tools changed since they were pinned
                                                (a stdio server is started only with --allow-stdio; exit 2 if unreachable/timed out)
  mcp-gatekeeper log [--json] [--limit N] [--file PATH] [--log LOGFILE] [--home DIR]
                                                the change log: every fix written and approval request sent (by the CLI
                                                or the extension), newest first; --file keeps one config file's changes
  mcp-gatekeeper policy [options]               print the effective policy and where each value comes from
  mcp-gatekeeper processes [options]            list running MCP servers, each with the config entry that explains it
                                                (or "not configured in any known client") and its inventory verdict
  mcp-gatekeeper request --server NAME (--print | --submit) [--field key=value]... [--answers FILE] [--file PATH]
                                                ask the organization to approve a detected server (no secrets are sent)
  mcp-gatekeeper inventory validate FILE|FOLDER|URL [--format text|json] [--strict]
  mcp-gatekeeper export --to claude-code|codex|gemini|windsurf|vscode|copilot|kiro [-o FILE] [--inventory SRC]
                 [--with-managed-mcp] [--registry-url URL] [--namespace NS] [--strict-versions]
  mcp-gatekeeper import --from claude-code|windsurf|gemini|registry FILE [-o FILE] [--organization NAME] [--force]
  mcp-gatekeeper report RESULTS... [-o report.html] [--format html|json|md] [--inventory SRC] [--pending-days N]
                 [--top N] [--title T] [--now ISO]
  mcp-gatekeeper inventory keygen [-o DIR]      create an Ed25519 key pair for signing inventories
  mcp-gatekeeper inventory sign --key KEY FILE [--embed] [-o OUT]
  mcp-gatekeeper inventory verify --key PUB FILE [--sig FILE.sig]

Where to look (scan, fix, request, policy, processes):
  --workspace DIR       a project folder to scan (repeatable; default: the current folder)
  --home DIR            the home folder to read user-level configs from (default: your home)
  --platform OS         linux | darwin | win32: which OS layout to use (default: this OS)
  --system-root DIR     read system-wide files (managed configs, policy) under DIR instead of /
  --client ID           only this client (repeatable), e.g. vscode, cursor, claude-desktop, claude-code

Inventory and policy:
  --inventory SOURCE    inventory file, folder of files, or https URL (default: the policy's, else the bundled example)
  --policy FILE         policy file (default: the managed one, e.g. /etc/mcp-gatekeeper/policy.json)
  --cache-dir DIR       where the last good remote inventory is kept (default: the user cache folder)
  --ca-file FILE        extra CA certificates (PEM) for the inventory URL
  --docs-base-url URL   where rule help links point: URL<rule-id>.md, or URL with {id} replaced (https; http only
                        to localhost). Default: this project's docs/rules/ pages; a managed policy's docsBaseUrl wins
  The bearer token for the inventory URL is read from $MCPG_INVENTORY_TOKEN (or the variable the policy names).

Trust signals (scan, request; off unless --trust or the policy turns them on):
  --trust               look up each npm and PyPI package in its registry (first and version publish dates,
                        maintainers, repository, license, deprecation, provenance): findings young-package,
                        young-version, no-source-repository, deprecated-package, no-provenance, and a "trust"
                        object per server in JSON. Only package names are sent, to the registries below.
  --npm-registry URL    npm registry or mirror (default: the policy's, else https://registry.npmjs.org)
  --pypi-registry URL   PyPI or a mirror serving its JSON API (default: the policy's, else https://pypi.org)

Output (scan, processes):
  --format FORMAT       table | json | sarif (default: table)
  --fail-on LEVEL       shadow | warning | never (default: shadow = any server not approved)
  --verbose             also list config files that do not exist
  -h, --help            this help
  --version             print the version

Change log: fix --write and request --submit append to $MCPG_AUDIT_LOG, else to changes.jsonl in
  $XDG_STATE_HOME/mcp-gatekeeper (~/.local/state), ~/Library/Logs/mcp-gatekeeper or %LOCALAPPDATA%\\mcp-gatekeeper\\Logs.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, policy or inventory error.
  processes: 0 every running MCP server is configured and approved, 1 some is not configured in any known
  client or not approved, 2 usage, policy, inventory or process-listing error.
`;

declare const __VERSION__: string | undefined;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  try {
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}"`);
    return await load()(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mcp-gatekeeper: ${e.message}\n${e.usage ? 'Run "mcp-gatekeeper --help" for usage.\n' : ''}`);
      return 2;
    }
    process.stderr.write(`mcp-gatekeeper: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
