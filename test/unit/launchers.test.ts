import * as assert from 'node:assert/strict';
import { recognizeLauncher, parseNpmSpec, parsePypiSpec, parseImageRef, shellSplit } from '../../src/core/launchers';

const pkg = (command: string, args: string[]) => recognizeLauncher(command, args).package;

describe('launcher recognition', () => {
  it('npx with -y and a scoped, versioned package', () => {
    assert.deepEqual(pkg('npx', ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/tmp']), {
      ecosystem: 'npm',
      name: '@modelcontextprotocol/server-filesystem',
      version: '2025.8.21',
    });
  });

  it('npx without a version, with dist-tags, with --package', () => {
    assert.deepEqual(pkg('npx', ['@playwright/mcp']), { ecosystem: 'npm', name: '@playwright/mcp', version: null });
    assert.equal(pkg('npx', ['-y', '@playwright/mcp@latest'])?.version, 'latest');
    assert.deepEqual(pkg('npx', ['--yes', '--package=@acme/tools@1.2.0', '--', 'acme-mcp']), { ecosystem: 'npm', name: '@acme/tools', version: '1.2.0' });
    assert.deepEqual(pkg('npx', ['-p', 'left-pad@1', 'bin']), { ecosystem: 'npm', name: 'left-pad', version: '1' });
  });

  it('skips npx options that take values', () => {
    assert.equal(pkg('npx', ['--registry', 'https://npm.acme.example', 'mcp-server-x@1.0.0'])?.name, 'mcp-server-x');
  });

  it('Windows paths and suffixes of the launcher', () => {
    assert.equal(pkg('C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'mcp-foo@2.0.0'])?.name, 'mcp-foo');
    assert.equal(pkg('/usr/local/bin/npx', ['mcp-foo'])?.name, 'mcp-foo');
  });

  it('pnpm dlx, yarn dlx, bunx, bun x, npm exec', () => {
    assert.equal(pkg('pnpm', ['dlx', 'mcp-a@1.0.0'])?.version, '1.0.0');
    assert.equal(pkg('yarn', ['dlx', 'mcp-b'])?.name, 'mcp-b');
    assert.equal(pkg('bunx', ['mcp-c@2'])?.name, 'mcp-c');
    assert.equal(pkg('bun', ['x', 'mcp-d'])?.name, 'mcp-d');
    assert.equal(pkg('npm', ['exec', '--yes', '--', 'mcp-e@3.1.0'])?.version, '3.1.0');
    assert.equal(pkg('pnpm', ['install']), null);
  });

  it('uvx with ==, @, --from, and uv tool run', () => {
    assert.deepEqual(pkg('uvx', ['mcp-server-git==0.6.2', '--repository', '.']), { ecosystem: 'pypi', name: 'mcp-server-git', version: '0.6.2' });
    assert.equal(pkg('uvx', ['mcp-server-fetch@2025.4.7'])?.version, '2025.4.7');
    assert.deepEqual(pkg('uvx', ['--from', 'awslabs.aws-documentation-mcp-server==1.1.2', 'awslabs.aws-documentation-mcp-server']), {
      ecosystem: 'pypi',
      name: 'awslabs.aws-documentation-mcp-server',
      version: '1.1.2',
    });
    assert.equal(pkg('uv', ['tool', 'run', 'mcp-server-time'])?.name, 'mcp-server-time');
    assert.equal(pkg('uvx', ['--python', '3.12', 'mcp-server-time'])?.name, 'mcp-server-time');
  });

  it('pipx run and uv run --with', () => {
    assert.equal(pkg('pipx', ['run', 'mcp-server-sqlite==0.6.0'])?.version, '0.6.0');
    assert.equal(pkg('pipx', ['run', '--spec', 'mcp-tools==2.0', 'mcp-tool'])?.name, 'mcp-tools');
    assert.equal(pkg('uv', ['run', '--with', 'mcp==1.2.0', 'server.py'])?.name, 'mcp');
    assert.equal(pkg('uv', ['--directory', '/src/x', 'run', 'server.py']), null);
  });

  it('docker and podman run, skipping option values', () => {
    assert.deepEqual(pkg('docker', ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.20.1']), {
      ecosystem: 'oci',
      name: 'ghcr.io/github/github-mcp-server',
      version: 'v0.20.1',
    });
    const digest = 'sha256:' + 'a'.repeat(64);
    assert.deepEqual(pkg('podman', ['run', '-v', '/data:/data', '--name', 'x', `mcp/fetch@${digest}`]), { ecosystem: 'oci', name: 'mcp/fetch', version: null, digest });
    assert.equal(pkg('docker', ['container', 'run', '--network=host', 'mcp/time'])?.name, 'mcp/time');
    assert.equal(pkg('docker', ['run', '-p', '8080:8080', 'localhost:5000/mcp/x:1.0'])?.name, 'localhost:5000/mcp/x');
  });

  it('deno run npm:/jsr:, dnx and go run', () => {
    assert.deepEqual(pkg('deno', ['run', '-A', 'npm:@modelcontextprotocol/server-memory@2025.8.4']), { ecosystem: 'npm', name: '@modelcontextprotocol/server-memory', version: '2025.8.4' });
    assert.deepEqual(pkg('deno', ['run', '--allow-net', 'jsr:@acme/mcp@1.2.0']), { ecosystem: 'other', name: 'jsr:@acme/mcp', version: '1.2.0' });
    assert.equal(pkg('deno', ['run', './server.ts']), null);
    assert.deepEqual(pkg('dnx', ['Acme.Mcp.Server@1.0.3', '--yes']), { ecosystem: 'nuget', name: 'Acme.Mcp.Server', version: '1.0.3' });
    assert.deepEqual(pkg('go', ['run', 'github.com/acme/mcp-server@v1.2.3']), { ecosystem: 'go', name: 'github.com/acme/mcp-server', version: 'v1.2.3' });
    assert.equal(pkg('go', ['run', './cmd/server']), null);
  });

  it('unwraps cmd /c and sh -c', () => {
    assert.equal(pkg('cmd', ['/c', 'npx', '-y', '@modelcontextprotocol/server-memory'])?.name, '@modelcontextprotocol/server-memory');
    assert.equal(pkg('cmd.exe', ['/C', 'npx -y mcp-x@1.0.0'])?.version, '1.0.0');
    assert.equal(pkg('sh', ['-c', 'exec npx -y "mcp-y@2.0.0" --port 1'])?.name, 'mcp-y');
    assert.equal(pkg('bash', ['-lc', 'uvx mcp-server-time && echo done'])?.name, 'mcp-server-time');
  });

  it('remote bridges point at their URL', () => {
    const r = recognizeLauncher('npx', ['-y', 'mcp-remote@0.1.29', 'https://mcp.example.com/sse', '--header', 'X: y']);
    assert.equal(r.bridgedUrl, 'https://mcp.example.com/sse');
    assert.equal(r.package?.name, 'mcp-remote');
    assert.equal(recognizeLauncher('mcp-remote', ['https://a.example/mcp']).bridgedUrl, 'https://a.example/mcp');
  });

  it('plain commands and local files are not packages', () => {
    assert.equal(pkg('node', ['./build/index.js']), null);
    assert.equal(pkg('/opt/acme/mcp/bin/tickets', []), null);
    assert.equal(pkg('python', ['-m', 'mcp_server_x']), null);
    assert.equal(pkg('npx', ['./local/bin.js']), null);
  });
});

describe('spec parsers', () => {
  it('npm specs', () => {
    assert.deepEqual(parseNpmSpec('@a/b@^1.2'), { ecosystem: 'npm', name: '@a/b', version: '^1.2' });
    assert.deepEqual(parseNpmSpec('npm:pkg@1'), { ecosystem: 'npm', name: 'pkg', version: '1' });
    assert.equal(parseNpmSpec('https://x.example/pkg.tgz'), null);
    assert.equal(parseNpmSpec('C:\\x'), null);
  });
  it('pypi specs', () => {
    assert.deepEqual(parsePypiSpec('mcp-server-git[extra]==0.6.2'), { ecosystem: 'pypi', name: 'mcp-server-git', version: '0.6.2' });
    assert.equal(parsePypiSpec('pkg>=1.0,<2')?.version, '>=1.0,<2');
    assert.equal(parsePypiSpec('git+https://github.com/x/y'), null);
  });
  it('image references', () => {
    assert.deepEqual(parseImageRef('mcp/github'), { ecosystem: 'oci', name: 'mcp/github', version: null });
    assert.deepEqual(parseImageRef('registry:5000/a/b:1.0'), { ecosystem: 'oci', name: 'registry:5000/a/b', version: '1.0' });
  });
  it('shell words', () => {
    assert.deepEqual(shellSplit(`npx -y 'a b' "c\\"d" e\\ f`), ['npx', '-y', 'a b', 'c"d', 'e f']);
  });
});
