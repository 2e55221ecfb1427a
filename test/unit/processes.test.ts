// Running MCP servers: reading process tables (recorded ps / PowerShell / wmic output, a fake /proc), recognizing
// MCP servers, collapsing launcher chains, matching them to configured entries and checking the rest.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { bundledInventory } from '../../src/core/inventory/load';
import type { CheckedServer, Platform } from '../../src/core/model';
import { commandMatches, findRunningServers, processesFail, versionsCompatible, type RunningServer } from '../../src/core/processes/correlate';
import { detectProcess, isExcluded, nodeModulesPackage } from '../../src/core/processes/detect';
import {
  decodeWindowsOutput,
  listProcesses,
  parseCmdline,
  parsePsOutput,
  parseWindowsJson,
  parseWmicCsv,
  ProcessListError,
  PS_ARGS,
  readProcTable,
  splitWindowsCommandLine,
  WMIC_ARGS,
  type CommandRunner,
  type ProcessInfo,
} from '../../src/core/processes/list';
import { formatProcessesTable, toProcessesJson } from '../../src/core/processes/report';
import { scan } from '../../src/core/scan';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const DIR = path.join(FIXTURES, 'processes');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const WORKSPACE = path.join(FIXTURES, 'workspace');
const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };

function proc(pid: number, ppid: number, argv: string[], exact = true): ProcessInfo {
  return { pid, ppid, user: 'dev', argv, commandLine: argv.join(' '), argvExact: exact };
}

async function configured(platform: Platform, workspace = WORKSPACE): Promise<CheckedServer[]> {
  const r = await scan({ home: path.join(FIXTURES, 'homes', platform), platform, workspaces: [workspace], env: NO_SYSTEM, inventory: bundledInventory() });
  return r.servers;
}

/** one line per running server: pid, collapsed pids, what runs, where it is configured (or not), verdict */
function rows(list: RunningServer[]): string[] {
  return list.map((p) => {
    const runs = p.bridgedUrl ? `bridge ${p.bridgedUrl}` : p.package ? `${p.package.ecosystem}:${p.package.name}@${p.package.version}` : `program ${p.program}`;
    const where = p.unconfigured ? 'UNCONFIGURED' : p.matches.map((m) => `${m.client}/${m.name} by ${m.by}`).join(', ');
    return `${p.pid} [${p.pids.join(',')}] ${p.via}: ${runs} -> ${where} => ${p.verdict}${p.inventoryId ? ` (${p.inventoryId})` : ''}`;
  });
}

describe('process tables', () => {
  it('parses Linux ps output: pid, ppid, user, command line; kernel threads and zombies skipped', () => {
    const list = parsePsOutput(read('linux-ps.txt'));
    assert.equal(list.length, 44);
    assert.ok(!list.some((p) => p.pid === 2 || p.pid === 87 || p.pid === 5800), 'kernel threads and <defunct> are not processes to look at');
    assert.deepEqual(list.find((p) => p.pid === 3201), {
      pid: 3201,
      ppid: 3150,
      user: 'dev',
      argv: ['npm', 'exec', '@modelcontextprotocol/server-filesystem@2026.1.14', '/Users/dev/Projects'],
      commandLine: 'npm exec @modelcontextprotocol/server-filesystem@2026.1.14 /Users/dev/Projects',
      argvExact: false,
    });
    const meteo = list.find((p) => p.pid === 5700)!;
    assert.equal(meteo.commandLine, 'node /home/dev/Projets/serveur météo/mcp-server-météo.js --verbose');
    assert.equal(list.find((p) => p.pid === 812)!.commandLine, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups');
  });

  it('parses macOS ps output: app-bundle paths with spaces stay one program, retitled npm lines lose their padding', () => {
    const list = parsePsOutput(read('darwin-ps.txt'));
    assert.equal(list.length, 21, '(sshd), whose arguments ps could not read, is skipped');
    assert.deepEqual(list.find((p) => p.pid === 700)!.argv, ['/Applications/Visual Studio Code.app/Contents/MacOS/Electron']);
    assert.deepEqual(list.find((p) => p.pid === 712)!.argv.slice(0, 2), ['/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)', '--type=utility']);
    const k8s = list.find((p) => p.pid === 32354)!;
    assert.equal(k8s.commandLine, 'npm exec kubernetes-mcp-server@latest --port 8080');
    assert.deepEqual(k8s.argv, ['npm', 'exec', 'kubernetes-mcp-server@latest', '--port', '8080']);
    assert.deepEqual([k8s.ppid, k8s.user], [960, 'dev']);
  });

  it('parses PowerShell Get-CimInstance JSON (BOM, CRLF, null command lines, \\??\\ prefixes, quoted paths)', () => {
    const list = parseWindowsJson(read('win32-cim.json'));
    assert.equal(list.length, 27, 'System Idle Process and System have no command line');
    assert.deepEqual(list.find((p) => p.pid === 7201)!.argv, ['C:\\WINDOWS\\system32\\conhost.exe', '0x4']);
    assert.deepEqual(list.find((p) => p.pid === 7240), {
      pid: 7240,
      ppid: 7230,
      user: null,
      argv: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\Users\\dev\\AppData\\Local\\npm-cache\\_npx\\5b1c0d2e3f4a5b6c\\node_modules\\.bin\\\\..\\@modelcontextprotocol\\server-everything\\dist\\index.js'],
      commandLine: '"C:\\Program Files\\nodejs\\node.exe"   "C:\\Users\\dev\\AppData\\Local\\npm-cache\\_npx\\5b1c0d2e3f4a5b6c\\node_modules\\.bin\\\\..\\@modelcontextprotocol\\server-everything\\dist\\index.js"',
      argvExact: true,
    });
    assert.deepEqual(list.find((p) => p.pid === 9200)!.argv, ['C:\\Python312\\python.exe', 'C:\\Users\\dev\\Documents\\Outils MCP\\mcp_server_météo.py', '--ville', 'Zürich']);
    assert.deepEqual(list.find((p) => p.pid === 7200)!.argv, ['C:\\WINDOWS\\system32\\cmd.exe', '/d', '/s', '/c', 'npx -y @modelcontextprotocol/server-everything']);
    // ConvertTo-Json prints a lone object for a single process
    assert.deepEqual(parseWindowsJson('{"ProcessId":42,"ParentProcessId":1,"CommandLine":"node x.js"}').map((p) => [p.pid, p.ppid, p.argv]), [[42, 1, ['node', 'x.js']]]);
    assert.throws(() => parseWindowsJson('Get-CimInstance : Access denied'), ProcessListError);
  });

  it('parses the wmic CSV fallback, commas inside command lines included, in UTF-16 as wmic writes it', () => {
    const text = read('win32-wmic.csv');
    const list = parseWmicCsv(text);
    assert.deepEqual(list.map((p) => p.pid), [1020, 7000, 7100, 7120, 7200, 7201, 7210, 7230, 7240, 7300, 8050]);
    const host = list.find((p) => p.pid === 8050)!;
    assert.equal(host.ppid, 8000);
    assert.match(host.commandLine, /--standard-schemes=vscode-webview,vscode-file --field-trial-handle=1836,i,1234,5678,262144 \/prefetch:14$/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.deepEqual(parseWmicCsv(decodeWindowsOutput(utf16)), list);
    assert.equal(decodeWindowsOutput(Buffer.from('\ufeff[{"ProcessId":1}]', 'utf8')), '[{"ProcessId":1}]');
  });

  it('splits Windows command lines the way CommandLineToArgvW does', () => {
    assert.deepEqual(splitWindowsCommandLine('"C:\\Program Files\\nodejs\\node.exe" a\\\\b "c d" e\\"f "g\\\\" h'), ['C:\\Program Files\\nodejs\\node.exe', 'a\\\\b', 'c d', 'e"f', 'g\\', 'h']);
    assert.deepEqual(splitWindowsCommandLine('C:\\x\\prog.exe "say ""hi""" \\\\\\"q'), ['C:\\x\\prog.exe', 'say "hi"', '\\"q']);
    assert.deepEqual(splitWindowsCommandLine('prog'), ['prog']);
  });

  it('reads /proc/<pid>/cmdline exactly, and splits a title npm wrote over its argv', () => {
    assert.deepEqual(parseCmdline(Buffer.from('node\0/srv/mon serveur/mcp-server-ü.js\0--flag\0', 'utf8')), {
      argv: ['node', '/srv/mon serveur/mcp-server-ü.js', '--flag'],
      commandLine: 'node "/srv/mon serveur/mcp-server-ü.js" --flag',
      argvExact: true,
    });
    // what `node` leaves after `process.title = 'npm exec …'` (checked on Linux: the title, then NUL padding)
    assert.deepEqual(parseCmdline(Buffer.from('npm exec @modelcontextprotocol/server-filesystem /tmp\0\0\0\0\0\0', 'utf8')), {
      argv: ['npm', 'exec', '@modelcontextprotocol/server-filesystem', '/tmp'],
      commandLine: 'npm exec @modelcontextprotocol/server-filesystem /tmp',
      argvExact: false,
    });
    assert.equal(parseCmdline(Buffer.alloc(0)), null, 'kernel threads and zombies have an empty cmdline');
  });

  it('reads a /proc tree: effective user by name, parent pid, vanished and kernel processes skipped', async () => {
    const root = tempDir();
    writeTree(root, {
      '1/cmdline': '/sbin/init\0splash\0',
      '1/status': 'Name:\tsystemd\nPPid:\t0\nUid:\t0\t0\t0\t0\n',
      '2/cmdline': '',
      '2/status': 'Name:\tkthreadd\nPPid:\t0\nUid:\t0\t0\t0\t0\n',
      '4242/cmdline': 'npm exec @upstash/context7-mcp@1.0.14\0\0\0\0\0\0\0\0',
      '4242/status': 'Name:\tnpm exec @upstas\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nPid:\t4242\nPPid:\t4000\nUid:\t1000\t1000\t1000\t1000\n',
      '4250/cmdline': 'node\0/home/dév/.npm/_npx/5a2e/node_modules/.bin/context7-mcp\0',
      '4250/status': 'Name:\tnode\nPPid:\t4242\nUid:\t1000\t1001\t1001\t1001\n',
      'self/cmdline': 'ignored\0',
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000:Dev:/home/dev:/bin/bash\n',
    });
    fs.mkdirSync(path.join(root, '9999')); // exited while we read
    const list = await readProcTable(root, path.join(root, 'etc/passwd'));
    assert.deepEqual(
      list.map((p) => [p.pid, p.ppid, p.user, p.argv, p.argvExact]),
      [
        [1, 0, 'root', ['/sbin/init', 'splash'], true],
        [4242, 4000, 'dev', ['npm', 'exec', '@upstash/context7-mcp@1.0.14'], false],
        [4250, 4242, '1001', ['node', '/home/dév/.npm/_npx/5a2e/node_modules/.bin/context7-mcp'], true],
      ],
    );
  });

  it('runs ps on macOS, PowerShell then wmic on Windows, and says clearly what failed', async () => {
    const calls: string[] = [];
    const runner =
      (answers: Record<string, Buffer | Error>): CommandRunner =>
      async (file, args) => {
        calls.push(`${file} ${args.join(' ')}`);
        const a = answers[file];
        if (a instanceof Error) throw a;
        return a;
      };
    const darwin = await listProcesses({ platform: 'darwin', runner: runner({ ps: Buffer.from(read('darwin-ps.txt')) }) });
    assert.equal(darwin.length, 21);
    assert.deepEqual(calls, [`ps ${PS_ARGS.join(' ')}`]);

    calls.length = 0;
    const denied = Object.assign(new Error('Command failed'), { code: 1, detail: 'Get-CimInstance : Access denied' });
    const win = await listProcesses({ platform: 'win32', runner: runner({ 'powershell.exe': denied, wmic: Buffer.from(read('win32-wmic.csv'), 'utf16le') }) });
    assert.equal(win.length, 11);
    assert.match(calls[0], /^powershell\.exe -NoProfile -NonInteractive -EncodedCommand \S+$/);
    const script = Buffer.from(calls[0].split(' ').pop()!, 'base64').toString('utf16le');
    assert.match(script, /Get-CimInstance -ClassName Win32_Process \| Select-Object ProcessId,ParentProcessId,CommandLine\) \| ConvertTo-Json -Compress$/);
    assert.equal(calls[1], `wmic ${WMIC_ARGS.join(' ')}`);

    const missing = Object.assign(new Error('spawn wmic ENOENT'), { code: 'ENOENT' });
    await assert.rejects(listProcesses({ platform: 'win32', runner: runner({ 'powershell.exe': denied, wmic: missing }) }), (e: Error) => {
      assert.ok(e instanceof ProcessListError);
      assert.equal(e.message, 'could not list processes: PowerShell Get-CimInstance Win32_Process failed (exit code 1: Get-CimInstance : Access denied), and so did wmic (the program was not found)');
      return true;
    });
    const slow = Object.assign(new Error('Command failed'), { killed: true, signal: 'SIGTERM' });
    await assert.rejects(listProcesses({ platform: 'darwin', timeoutMs: 5000, runner: runner({ ps: slow }) }), /^Error: could not list processes with "ps -axww -o pid=,ppid=,user=,args=": no answer within 5 s$/);
    // Linux without a readable /proc falls back to ps
    const linux = await listProcesses({ platform: 'linux', procRoot: path.join(tempDir(), 'no-proc'), runner: runner({ ps: Buffer.from(read('linux-ps.txt')) }) });
    assert.equal(linux.length, 44);
  });

  it('lists the live process table on Linux, this test process included', async function () {
    if (process.platform !== 'linux') this.skip();
    const list = await listProcesses();
    assert.ok(list.length > 1);
    const self = list.find((p) => p.pid === process.pid);
    assert.ok(self, 'the test process is listed');
    assert.equal(self.ppid, process.ppid);
    assert.equal(self.argvExact, true);
    // /proc shows node's own options too, and the script as it was given
    assert.deepEqual(self.argv.slice(self.argv.length - (process.argv.length - 2)), process.argv.slice(2));
    assert.ok(self.argv.some((a) => path.basename(a) === path.basename(process.argv[1])));
  });
});

describe('what looks like an MCP server', () => {
  const cases: [string, string[], boolean, string | null][] = [
    ['npx of a reference server', ['npx', '-y', '@modelcontextprotocol/server-filesystem@2026.1.14', '/tmp'], true, 'npx npm:@modelcontextprotocol/server-filesystem@2026.1.14'],
    ['npx retitled by npm', ['npm', 'exec', '@upstash/context7-mcp@1.0.14'], false, 'npm exec npm:@upstash/context7-mcp@1.0.14'],
    ['bunx', ['bunx', 'mcp-server-kubernetes'], true, 'bunx npm:mcp-server-kubernetes@null'],
    ['pnpm dlx', ['pnpm', 'dlx', '@playwright/mcp@0.0.41'], true, 'pnpm dlx npm:@playwright/mcp@0.0.41'],
    ['node running npx-cli.js (Windows)', ['C:\\Program Files\\nodejs\\node.exe', 'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js', '-y', 'firecrawl-mcp'], true, 'npx npm:firecrawl-mcp@null'],
    ['node running the npx script (macOS)', ['node', '/opt/homebrew/bin/npx', '-y', 'mcp-server-sqlite-npx'], false, 'npx npm:mcp-server-sqlite-npx@null'],
    ['uvx', ['uvx', 'mcp-server-git==2025.1.14', '--repository', '.'], true, 'uvx pypi:mcp-server-git@2025.1.14'],
    ['uvx as exec-ed by uvx on Unix', ['/home/dev/.local/bin/uv', 'tool', 'uvx', '--from', 'awslabs.aws-documentation-mcp-server@latest', 'awslabs.aws-documentation-mcp-server'], true, 'uvx pypi:awslabs.aws-documentation-mcp-server@latest'],
    ['the uv console script child', ['/home/dev/.cache/uv/archive-v0/kq3/bin/python', '/home/dev/.cache/uv/archive-v0/kq3/bin/mcp-server-git'], true, 'python script program /home/dev/.cache/uv/archive-v0/kq3/bin/mcp-server-git'],
    ['python -m', ['/usr/bin/python3', '-u', '-m', 'mcp_server_time', '--local-timezone=UTC'], true, 'python module pypi:mcp-server-time@null'],
    ['python script in site-packages', ['python3', '/usr/lib/python3/site-packages/mcp_server_fetch/__main__.py'], true, 'python script pypi:mcp-server-fetch@null'],
    ['mcp run (Python SDK CLI)', ['/home/dev/.venv/bin/mcp', 'run', 'server.py'], true, 'mcp run program /home/dev/.venv/bin/mcp'],
    ['docker mcp/ image', ['docker', 'run', '-i', '--rm', 'mcp/fetch'], true, 'docker run oci:mcp/fetch@null'],
    ['docker image with mcp in the name', ['podman', 'run', '-i', '--rm', '-e', 'TOKEN', 'ghcr.io/sooperset/mcp-atlassian:latest'], true, 'podman run oci:ghcr.io/sooperset/mcp-atlassian@latest'],
    ['mcp-remote via npx', ['npx', 'mcp-remote', 'https://mcp.linear.app/sse'], true, 'npx bridge https://mcp.linear.app/sse'],
    ['mcp-remote bin from the npx cache', ['node', '/home/dev/.npm/_npx/77aa/node_modules/.bin/mcp-remote', 'https://mcp.notion.com/mcp'], true, 'mcp-remote bridge https://mcp.notion.com/mcp'],
    ['globally installed mcp-remote', ['node', '/usr/lib/node_modules/mcp-remote/dist/proxy.js', 'https://mcp.notion.com/mcp'], true, 'mcp-remote bridge https://mcp.notion.com/mcp'],
    ['npx cache child (Windows shim path)', ['node.exe', 'C:\\Users\\dev\\AppData\\Local\\npm-cache\\_npx\\e4b1\\node_modules\\.bin\\\\..\\@playwright\\mcp\\cli.js'], true, 'node script npm:@playwright/mcp@null'],
    ['global npm install', ['node', '/usr/local/lib/node_modules/@modelcontextprotocol/server-memory/dist/index.js'], true, 'node script npm:@modelcontextprotocol/server-memory@null'],
    ['node …mcp-server…', ['node', '/home/dev/src/acme/mcp-server/dist/index.js'], true, 'node script program /home/dev/src/acme/mcp-server/dist/index.js'],
    ['bun script', ['bun', '/Users/dev/.bun/install/global/node_modules/auq-mcp-server/dist/bin/auq.js', 'server'], true, 'bun script npm:auq-mcp-server@null'],
    ['an MCP server binary', ['/usr/local/bin/github-mcp-server', 'stdio'], true, 'executable program /usr/local/bin/github-mcp-server'],
    ['cmd /c wrapper', ['C:\\WINDOWS\\system32\\cmd.exe', '/d', '/s', '/c', 'npx -y @modelcontextprotocol/server-slack'], true, 'cmd npm:@modelcontextprotocol/server-slack@null'],
    ['sh -c bin', ['sh', '-c', 'context7-mcp'], true, 'executable program context7-mcp'],
    // not MCP servers
    ['npx of another tool', ['npm', 'exec', 'prettier', '--write', 'src'], false, null],
    ['grep for mcp-server', ['grep', '--color=auto', 'mcp-server'], true, null],
    ['an editor on mcp.json', ['vim', '/home/dev/.cursor/mcp.json'], true, null],
    ['tsc inside a folder named …-mcp', ['node', '/home/dev/work/acme-mcp/node_modules/.bin/tsc', '--watch'], true, null],
    ['the MCP Inspector', ['npx', '@modelcontextprotocol/inspector', 'node', 'build/index.js'], true, null],
    ['a language server', ['/usr/share/code/code', '/usr/share/code/resources/app/extensions/node_modules/typescript/lib/tsserver.js', '--useNodeIpc'], true, null],
    ['a docker image without mcp', ['docker', 'run', '--rm', 'postgres:16'], true, null],
    ['python -c', ['python3', '-c', 'import mcp_server_fetch'], true, null],
    ['mcp CLI not serving', ['mcp', 'version'], true, null],
  ];
  for (const [title, argv, exact, expected] of cases) {
    it(title, () => {
      const d = detectProcess(proc(1, 0, argv, exact));
      const got = d ? `${d.via} ${d.bridgedUrl ? `bridge ${d.bridgedUrl}` : d.package ? `${d.package.ecosystem}:${d.package.name}@${d.package.version}` : `program ${d.program}`}` : null;
      assert.equal(got, expected);
    });
  }

  it('recognizes packages whose names say nothing when the configuration or inventory names them', () => {
    const p = proc(1, 0, ['npm', 'exec', 'server-perplexity-ask'], false);
    assert.equal(detectProcess(p), null);
    assert.equal(detectProcess(p, { knownPackages: new Set(['npm:server-perplexity-ask']) })?.package?.name, 'server-perplexity-ask');
    const acme = proc(2, 0, ['/opt/acme/mcp/bin/tickets', '--stdio']);
    assert.equal(detectProcess(acme, { isKnownCommand: (c) => c.startsWith('/opt/acme/mcp/bin/') })?.via, 'known command');
  });

  it('excludes editor internals and this tool', () => {
    assert.ok(isExcluded(proc(1, 0, ['/usr/share/code/code', '--type=utility', '--utility-sub-type=node.mojom.NodeService'])));
    assert.ok(isExcluded(proc(1, 0, ['/home/dev/.vscode-server/bin/abc/node', '/home/dev/.vscode-server/bin/abc/out/bootstrap-fork', '--type=extensionHost'])));
    assert.ok(isExcluded(proc(1, 0, ['node', '/usr/local/bin/mcp-gatekeeper', 'processes'])));
    assert.ok(isExcluded(proc(1, 0, ['node.exe', 'C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\mcp-gatekeeper\\dist\\cli.js', 'processes'])));
    // a folder named like the tool on the way to another program (a cache, a checkout) is not the tool
    assert.ok(!isExcluded(proc(1, 0, ['/root/.cache/mcp-gatekeeper/node/bin/node', '/tmp/x/mcp-server-weather.js', '--stdio'])));
    assert.ok(isExcluded(proc(1, 0, ['npx', '-y', 'mcp-gatekeeper@0.1.0', 'scan'])));
    assert.ok(isExcluded(proc(77, 0, ['node', 'x.js']), 77));
    assert.ok(!isExcluded(proc(1, 0, ['npx', '-y', '@modelcontextprotocol/server-memory'])));
  });

  it('reads the npm package from node_modules paths', () => {
    assert.deepEqual(nodeModulesPackage('/home/dev/.npm/_npx/98/node_modules/@scope/pkg-mcp/dist/index.js'), { name: '@scope/pkg-mcp', bin: null });
    assert.deepEqual(nodeModulesPackage('C:\\x\\node_modules\\.bin\\\\..\\mcp-remote\\dist\\proxy.js'), { name: 'mcp-remote', bin: null });
    assert.deepEqual(nodeModulesPackage('/x/node_modules/.bin/mcp-server-memory'), { name: null, bin: 'mcp-server-memory' });
    assert.equal(nodeModulesPackage('/usr/local/bin/node'), null);
  });
});

describe('matching running servers to the configuration', () => {
  const checker = new Checker(bundledInventory());

  it('Linux: collapses launcher chains, matches by package, command and version, and flags the unconfigured', async () => {
    const servers = await configured('linux');
    const result = findRunningServers(parsePsOutput(read('linux-ps.txt')), servers, checker);
    assert.deepEqual(rows(result.processes), [
      '2410 [2410,2433] npm exec: npm:@playwright/mcp@latest -> vscode/playwright by package => unknown (playwright)',
      '2460 [2460,2471] npm exec: npm:@modelcontextprotocol/server-memory@2025.8.4 -> vscode/memory by package => approved (memory)',
      '2510 [2510,2522] npm exec: npm:server-perplexity-ask@null -> vscode/perplexity by package => unknown',
      // the workspace's "fs" pins 2025.3.28: not this process
      '3201 [3201,3215] npm exec: npm:@modelcontextprotocol/server-filesystem@2026.1.14 -> cursor/filesystem by package => approved (filesystem)',
      '3301 [3301,3318,3319] npm exec: npm:@upstash/context7-mcp@1.0.14 -> cursor/context7 by package => pending (context7)',
      '3401 [3401,3420] npm exec: npm:@modelcontextprotocol/server-slack@null -> cursor/slack by package => rejected (slack)',
      '4020 [4020,4031] uvx: pypi:mcp-server-git@2025.1.14 -> claude-code/git by package => approved (git)',
      '4100 [4100] docker run: oci:ghcr.io/github/github-mcp-server@v0.20.1 -> claude-desktop/github by command => approved (github)',
      '5001 [5001,5020] npm exec: npm:@modelcontextprotocol/server-github@null -> UNCONFIGURED => deprecated (github-legacy)',
      '5101 [5101] python module: pypi:mcp-server-time@null -> UNCONFIGURED => unknown',
      '5201 [5201] mcp-remote: bridge https://mcp.linear.app/sse -> UNCONFIGURED => approved (linear)',
      '5301 [5301] node script: program /home/dev/src/acme-tools/mcp-server/dist/index.js -> UNCONFIGURED => unknown',
      '5700 [5700] node script: program /home/dev/Projets/serveur météo/mcp-server-météo.js -> UNCONFIGURED => unknown',
    ]);
    assert.deepEqual(result.summary, { total: 13, configured: 8, unconfigured: 5, approved: 5, pending: 1, rejected: 1, deprecated: 1, unknown: 5 });
    // the container's own process (under containerd-shim) is the docker run above, not a second server
    assert.ok(!result.processes.some((p) => p.pids.includes(4181)));

    const slack = result.processes.find((p) => p.pid === 3401)!;
    assert.deepEqual(slack.matches, [{ client: 'cursor', scope: 'workspace', file: path.join(WORKSPACE, '.cursor', 'mcp.json'), name: 'slack', verdict: 'rejected', inventoryId: 'slack', by: 'package', disabled: false }]);
    assert.equal(slack.findings[0].rule, 'rejected-mcp');
    const legacy = result.processes.find((p) => p.pid === 5001)!;
    assert.deepEqual(legacy.findings.map((f) => [f.rule, f.severity]), [['deprecated-mcp', 'warning']]);
    assert.match(legacy.findings[0].message, /^"process 5001" matches "GitHub \(reference server, archived\)", which the Acme inventory deprecates/);
    // secrets in command lines are masked
    const json = JSON.stringify(toProcessesJson(result));
    assert.ok(!json.includes('ghp_0123456789'), 'GitHub token leaked');
    assert.ok(!json.includes('sk-proj-abcdefghij'), 'OpenAI key leaked');
    assert.equal(result.processes.find((p) => p.pid === 5201)!.commandLine, 'node /home/dev/.npm/_npx/77aa11bb22cc33dd/node_modules/.bin/mcp-remote https://mcp.linear.app/sse --header Authorization:Bearer ghp_01****');
    assert.equal(result.processes.find((p) => p.pid === 5301)!.commandLine, 'node /home/dev/src/acme-tools/mcp-server/dist/index.js --api-key=sk-pro****');
    assert.ok(processesFail(result));
  });

  it('macOS: npm exec → node → native binary collapses into one, bun scripts are found', async () => {
    const result = findRunningServers(parsePsOutput(read('darwin-ps.txt')), await configured('darwin', tempDir()), checker);
    assert.deepEqual(rows(result.processes), [
      '540 [540] docker run: oci:ghcr.io/github/github-mcp-server@v0.20.1 -> claude-desktop/github by command => approved (github)',
      '548 [548,561] uvx: pypi:mcp-server-fetch@null -> claude-desktop/fetch by package => unknown (fetch)',
      '570 [570,588] npm exec: npm:@modelcontextprotocol/server-everything@null -> claude-desktop/everything by package => rejected (everything)',
      '790 [790,801] npm exec: npm:@playwright/mcp@latest -> vscode/playwright by package => unknown (playwright)',
      '32354 [32354,32370,32371] npm exec: npm:kubernetes-mcp-server@latest -> UNCONFIGURED => unknown',
      '60440 [60440] bun script: npm:auq-mcp-server@null -> UNCONFIGURED => unknown',
    ]);
  });

  it('Windows: cmd /c → npx-cli → cmd /c → node and uvx → uv → trampoline → python are one server each', async () => {
    const result = findRunningServers(parseWindowsJson(read('win32-cim.json')), await configured('win32', tempDir()), checker);
    assert.deepEqual(rows(result.processes), [
      '7200 [7200,7210,7230,7240] cmd: npm:@modelcontextprotocol/server-everything@null -> claude-desktop/everything by command => rejected (everything)',
      '7300 [7300,7310,7320,7330] uvx: pypi:mcp-server-fetch@null -> claude-desktop/fetch by command => unknown (fetch)',
      '7400 [7400] docker run: oci:ghcr.io/github/github-mcp-server@v0.20.1 -> claude-desktop/github by command => approved (github)',
      '8100 [8100,8110,8120,8130] cmd: npm:@playwright/mcp@latest -> vscode/playwright by command => unknown (playwright)',
      '9100 [9100] mcp-remote: bridge https://mcp.notion.com/sse?api_key=Zx9Qw8**** -> UNCONFIGURED => pending (notion)',
      '9200 [9200] python script: program C:\\Users\\dev\\Documents\\Outils MCP\\mcp_server_météo.py -> UNCONFIGURED => unknown',
      // the worst case: running, configured nowhere, and rejected by the inventory
      '9300 [9300,9310] cmd: npm:@modelcontextprotocol/server-slack@null -> UNCONFIGURED => rejected (slack)',
    ]);
    const slack = result.processes.find((p) => p.pid === 9300)!;
    assert.equal(slack.commandLine, 'C:\\WINDOWS\\system32\\cmd.exe /c npx -y @modelcontextprotocol/server-slack');
    assert.equal(slack.user, null);
  });

  it('matches a bridge by its URL and a configured command line with variables, through cmd /c', () => {
    const entry = (over: Partial<CheckedServer>): CheckedServer => ({
      name: 'x', client: 'claude-desktop', scope: 'user', file: '/h/c.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      keyOffset: 0, keyLength: 0, valueOffset: 0, valueLength: 0, transport: 'stdio', command: null, args: [], url: null, envNames: [], headerNames: [],
      package: null, disabled: false, verdict: 'approved', inventoryId: null, findings: [], ...over,
    });
    const bridge = entry({ name: 'linear', command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.linear.app/sse'], url: 'https://mcp.linear.app/sse', package: { ecosystem: 'npm', name: 'mcp-remote', version: null }, inventoryId: 'linear' });
    const local = entry({ name: 'tickets', command: '/opt/tools/tickets-server', args: ['--root', '${workspaceFolder}'] });
    const list = [
      proc(10, 1, ['node', '/home/dev/.npm/_npx/77/node_modules/.bin/mcp-remote', 'https://MCP.linear.app/sse/']),
      proc(20, 1, ['node', '/home/dev/.npm/_npx/78/node_modules/.bin/mcp-remote', 'https://mcp.notion.com/mcp']),
      proc(30, 1, ['/bin/sh', '-c', '/opt/tools/tickets-server --root /home/dev/src/app']),
    ];
    const result = findRunningServers(list, [bridge, local], checker);
    assert.deepEqual(rows(result.processes), [
      '10 [10] mcp-remote: bridge https://MCP.linear.app/sse/ -> claude-desktop/linear by url => approved (linear)',
      '20 [20] mcp-remote: bridge https://mcp.notion.com/mcp -> UNCONFIGURED => pending (notion)',
      '30 [30] configured command: program null -> claude-desktop/tickets by command => approved',
    ]);
    assert.ok(commandMatches({ command: 'npx', args: ['-y', 'pkg'] }, proc(1, 0, ['C:\\Program Files\\nodejs\\npx.cmd', '-y', 'pkg'])));
    assert.ok(commandMatches({ command: 'C:\\Tools\\Server.exe', args: [] }, proc(1, 0, ['c:\\tools\\server.exe'])));
    assert.ok(!commandMatches({ command: '/opt/a', args: ['x'] }, proc(1, 0, ['/opt/a', 'x', 'y'])));
    assert.ok(commandMatches({ command: 'node', args: ['/srv/my server/index.js', '--port', '${env:PORT}'] }, proc(1, 0, ['node', '/srv/my', 'server/index.js', '--port', '8080'], false)));
  });

  it('keeps a server that another MCP server starts separate, and still matches entries that are disabled', async () => {
    const servers = await configured('linux');
    const list = [
      proc(100, 1, ['npm', 'exec', 'mcp-proxy-hub@2.1.0'], false),
      proc(101, 100, ['node', '/home/dev/.npm/_npx/aa/node_modules/.bin/mcp-proxy-hub']),
      proc(110, 101, ['npm', 'exec', '@modelcontextprotocol/server-slack'], false),
      proc(111, 110, ['node', '/home/dev/.npm/_npx/bb/node_modules/.bin/mcp-server-slack']),
      proc(200, 1, ['npm', 'exec', '@modelcontextprotocol/server-puppeteer'], false),
    ];
    const result = findRunningServers(list, servers.filter((s) => s.client !== 'cursor'), checker);
    assert.deepEqual(rows(result.processes), [
      '100 [100,101] npm exec: npm:mcp-proxy-hub@2.1.0 -> UNCONFIGURED => unknown',
      '110 [110,111] npm exec: npm:@modelcontextprotocol/server-slack@null -> UNCONFIGURED => rejected (slack)',
      '200 [200] npm exec: npm:@modelcontextprotocol/server-puppeteer@null -> claude-code/puppeteer by package => deprecated (puppeteer)',
    ]);
    assert.equal(result.processes[2].matches[0].disabled, true);
  });

  it('compares versions: pinned must agree, ranges must admit, tags and missing versions do not disagree', () => {
    const npm = (version: string | null) => ({ ecosystem: 'npm' as const, name: 'p', version });
    assert.ok(versionsCompatible(npm('1.2.3'), npm('v1.2.3')));
    assert.ok(!versionsCompatible(npm('2025.3.28'), npm('2026.1.14')));
    assert.ok(versionsCompatible(npm('latest'), npm('1.0.0')));
    assert.ok(versionsCompatible(npm(null), npm('1.0.0')));
    assert.ok(versionsCompatible(npm('^1.2.0'), npm('1.4.0')));
    assert.ok(!versionsCompatible(npm('1.4.0'), npm('~1.2.0')));
    assert.ok(versionsCompatible({ ecosystem: 'pypi', name: 'p', version: '>=0.6.2' }, { ecosystem: 'pypi', name: 'p', version: '2025.1.14' }));
    assert.ok(!versionsCompatible({ ecosystem: 'oci', name: 'i', version: null, digest: 'sha256:aa' }, { ecosystem: 'oci', name: 'i', version: null, digest: 'sha256:bb' }));
  });

  it('passes when every running server is configured and approved, and prints a table', async () => {
    const servers = await configured('linux');
    const table = parsePsOutput(read('linux-ps.txt')).filter((p) => [3150, 3201, 3215, 4000, 4020, 4031].includes(p.pid));
    const result = findRunningServers(table, servers, checker);
    assert.equal(result.processes.length, 2);
    assert.ok(!processesFail(result));
    const text = formatProcessesTable(result, { home: path.join(FIXTURES, 'homes', 'linux'), width: 120 });
    assert.equal(
      text,
      [
        'VERDICT   PID   USER  RUNS                                                   CONFIGURED IN',
        'approved  3201  dev   npm @modelcontextprotocol/server-filesystem@2026.1.14  cursor "filesystem"',
        '          $ npm exec @modelcontextprotocol/server-filesystem@2026.1.14 /Users/dev/Projects (pids 3201, 3215)',
        `          Configured in cursor "filesystem" (~${path.sep}.cursor${path.sep}mcp.json).`,
        'approved  4020  dev   pypi mcp-server-git==2025.1.14                         claude-code "git"',
        '          $ /home/dev/.local/bin/uv tool uvx mcp-server-git==2025.1.14 --repository . (pids 4020, 4031)',
        `          Configured in claude-code "git" (${path.join(WORKSPACE, '.mcp.json')}).`,
        '',
        '2 running MCP servers: 2 configured, 0 not configured in any known client; 2 approved, 0 pending, 0 rejected, 0 deprecated, 0 shadow/unapproved.',
        '',
      ].join('\n'),
    );
    assert.equal(formatProcessesTable(findRunningServers([], servers, checker)), 'No running MCP servers found.\n');
  });
});
