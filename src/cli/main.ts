// mcp-gatekeeper: the command-line front end over the same core as the extension.
// Exit codes: 0 = nothing at or above --fail-on, 1 = findings, 2 = usage or inventory error.
import { runScan } from './scanCommand';
import { UsageError } from './args';

const HELP = `mcp-gatekeeper — find MCP servers configured on this machine and check them against your organization's inventory

Usage:
  mcp-gatekeeper scan [options]

Options for scan:
  --workspace DIR       a project folder to scan (repeatable; default: the current folder)
  --home DIR            the home folder to read user-level configs from (default: your home)
  --platform OS         linux | darwin | win32: which OS layout to use (default: this OS)
  --inventory SOURCE    inventory file (default: the bundled example inventory)
  --client ID           only this client (repeatable): vscode, cursor, claude-desktop, claude-code
  --format FORMAT       table | json (default: table)
  --fail-on LEVEL       shadow | warning | never (default: shadow = any server not approved)
  --verbose             also list config files that do not exist
  -h, --help            this help
  --version             print the version

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or inventory error.
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
    switch (command) {
      case 'scan':
        return await runScan(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
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
