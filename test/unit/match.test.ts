import * as assert from 'node:assert/strict';
import { InventoryIndex } from '../../src/core/inventory/match';
import { evaluateServer } from '../../src/core/evaluate';
import { InventorySchema } from '../../src/core/inventory/schema';
import type { ServerEntry } from '../../src/core/model';
import { recognizeLauncher } from '../../src/core/launchers';
import { compileUrlPattern, normalizeUrl, urlMatches } from '../../src/core/urls';
import fc from 'fast-check';

const index = new InventoryIndex(
  InventorySchema.parse({
    schemaVersion: 1,
    organization: 'Acme',
    gateway: { url: 'https://mcp.acme.example/gw/' },
    servers: [
      { id: 'fs', title: 'Filesystem', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '>=2025.7.0' }] }, gatewayUrl: 'https://mcp.acme.example/gw/fs/mcp' },
      { id: 'fs-old', status: 'rejected', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '<2025.1.0' }] }, reason: 'CVE-2025-0001' },
      { id: 'gh', title: 'GitHub', status: 'approved', match: { urls: ['https://api.githubcopilot.com/mcp/**'] } },
      { id: 'gh-img', title: 'GitHub image', status: 'approved', match: { packages: [{ ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', digest: 'sha256:' + 'b'.repeat(64) }] } },
      { id: 'linear', status: 'approved', match: { urls: ['https://*.linear.app'] } },
      { id: 'git', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp_server.git', versions: '>=0.6' }] } },
      { id: 'old', title: 'Old thing', status: 'deprecated', replacedBy: 'fs', match: { packages: [{ ecosystem: 'npm', name: 'old-mcp' }] } },
      { id: 'tools', status: 'approved', match: { commands: ['/opt/acme/mcp/bin/*', 'C:\\Acme\\MCP\\*.exe'] } },
      { id: 'wide', status: 'pending', match: { urls: ['https://*.example.org/**'] } },
      { id: 'exact-bad', status: 'rejected', match: { urls: ['https://evil.example.org/mcp'] } },
      { id: 'docker-hub', status: 'approved', match: { packages: [{ ecosystem: 'oci', name: 'docker.io/mcp/time' }] } },
    ],
  }),
);

function server(partial: Partial<ServerEntry>): ServerEntry {
  const launch = partial.command ? recognizeLauncher(partial.command, partial.args ?? []) : { package: null, bridgedUrl: null };
  return {
    name: 'srv', client: 'vscode', scope: 'workspace', file: '/w/.vscode/mcp.json',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
    keyOffset: 0, keyLength: 5, valueOffset: 0, valueLength: 0,
    transport: partial.url && !partial.command ? 'http' : 'stdio',
    command: null, args: [], url: launch.bridgedUrl, envNames: [], headerNames: [], package: launch.package, disabled: false,
    ...partial,
  };
}
const check = (p: Partial<ServerEntry>) => evaluateServer(server(p), index);

describe('matching and verdicts', () => {
  it('approves a package in range; the display name does not matter', () => {
    const r = check({ name: 'anything', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21'] });
    assert.deepEqual([r.verdict, r.inventoryId, r.findings], ['approved', 'fs', []]);
  });

  it('a server named like an approved one but running something else is shadow', () => {
    const r = check({ name: 'filesystem', command: 'npx', args: ['-y', '@evil/server-filesystem'] });
    assert.equal(r.verdict, 'unknown');
    assert.equal(r.findings[0].rule, 'shadow-mcp');
    assert.match(r.findings[0].message, /"filesystem" is a shadow MCP server: npm package @evil\/server-filesystem is not in the Acme inventory\./);
  });

  it('version outside the approved range: unapproved-version with the inventory id', () => {
    const r = check({ command: 'npx', args: ['@modelcontextprotocol/server-filesystem@2025.3.0'] });
    assert.deepEqual([r.verdict, r.inventoryId, r.findings[0].rule], ['unknown', 'fs', 'unapproved-version']);
    assert.match(r.findings[0].message, /runs @modelcontextprotocol\/server-filesystem@2025\.3\.0, but the Acme inventory approves "Filesystem" only at versions >=2025\.7\.0/);
    const unpinned = check({ command: 'uvx', args: ['mcp-server-git'] });
    assert.deepEqual([unpinned.inventoryId, unpinned.findings[0].rule], ['git', 'unapproved-version']);
    assert.match(unpinned.findings[0].message, /runs mcp-server-git without a pinned version/);
  });

  it('rejected beats approved, including unpinned packages that may resolve to a rejected version', () => {
    const r = check({ command: 'npx', args: ['@modelcontextprotocol/server-filesystem@2024.12.1'] });
    assert.deepEqual([r.verdict, r.inventoryId, r.findings[0].rule, r.findings[0].severity], ['rejected', 'fs-old', 'rejected-mcp', 'error']);
    assert.match(r.findings[0].message, /CVE-2025-0001/);
    assert.equal(check({ command: 'npx', args: ['@modelcontextprotocol/server-filesystem'] }).verdict, 'rejected');
  });

  it('deprecated names its replacement', () => {
    const r = check({ command: 'npx', args: ['old-mcp@1.0.0'] });
    assert.equal(r.verdict, 'deprecated');
    assert.match(r.findings[0].message, /"srv" matches "Old thing", which the Acme inventory deprecates\. Use "Filesystem" instead\./);
  });

  it('URL globs: case-insensitive host, default port, trailing slash, query ignored', () => {
    for (const url of ['https://api.githubcopilot.com/mcp/', 'https://API.GitHubCopilot.com:443/mcp', 'https://api.githubcopilot.com/mcp/x/y?token=1', 'https://api.githubcopilot.com/mcp/readonly']) {
      assert.equal(check({ url }).verdict, 'approved', url);
    }
    assert.equal(check({ url: 'http://api.githubcopilot.com/mcp/' }).verdict, 'unknown');
    assert.equal(check({ url: 'https://api.githubcopilot.com:8443/mcp/' }).verdict, 'unknown');
    assert.equal(check({ url: 'https://api.githubcopilot.com/other' }).verdict, 'unknown');
  });

  it('a pattern without a path matches any path; wildcard hosts', () => {
    assert.equal(check({ url: 'https://mcp.linear.app/sse' }).inventoryId, 'linear');
    assert.equal(check({ url: 'https://linear.app.evil.example/sse' }).verdict, 'unknown');
  });

  it('an exact rejected URL beats a broad pending glob', () => {
    assert.equal(check({ url: 'https://evil.example.org/mcp' }).verdict, 'rejected');
    assert.equal(check({ url: 'https://good.example.org/mcp' }).verdict, 'pending');
  });

  it('URLs under the gateway are approved; inventoryId only when it is an entry gatewayUrl', () => {
    const viaEntry = check({ url: 'https://mcp.acme.example/gw/fs/mcp/' });
    assert.deepEqual([viaEntry.verdict, viaEntry.inventoryId], ['approved', 'fs']);
    const other = check({ url: 'https://mcp.acme.example/gw/other/mcp' });
    assert.deepEqual([other.verdict, other.inventoryId, other.findings], ['approved', null, []]);
    assert.equal(check({ url: 'https://mcp.acme.example/gwx/fs' }).verdict, 'unknown');
    assert.equal(check({ url: 'https://mcp.acme.example.evil.test/gw/fs' }).verdict, 'unknown');
  });

  it('a remote bridge is judged by its target URL', () => {
    const r = check({ command: 'npx', args: ['-y', 'mcp-remote', 'https://api.githubcopilot.com/mcp/'] });
    assert.equal(r.url, 'https://api.githubcopilot.com/mcp/');
    assert.equal(r.verdict, 'approved');
  });

  it('command globs, with Windows paths compared case-insensitively', () => {
    assert.equal(check({ command: '/opt/acme/mcp/bin/tickets' }).inventoryId, 'tools');
    assert.equal(check({ command: '/opt/acme/mcp/bin/../../../../tmp/x' }).verdict, 'unknown');
    assert.equal(check({ command: 'c:\\acme\\mcp\\Tickets.EXE' }).inventoryId, 'tools');
    assert.equal(check({ command: '/tmp/evil' }).verdict, 'unknown');
  });

  it('PyPI names normalize; OCI digests pin exactly; Docker Hub prefixes normalize', () => {
    assert.equal(check({ command: 'uvx', args: ['MCP-Server_Git==0.6.2'] }).inventoryId, 'git');
    const digest = 'sha256:' + 'b'.repeat(64);
    assert.equal(check({ command: 'docker', args: ['run', '-i', `ghcr.io/github/github-mcp-server@${digest}`] }).verdict, 'approved');
    const tagOnly = check({ command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server:v0.20.1'] });
    assert.deepEqual([tagOnly.verdict, tagOnly.findings[0].rule], ['unknown', 'unapproved-version']);
    assert.equal(check({ command: 'docker', args: ['run', 'mcp/time'] }).inventoryId, 'docker-hub');
  });

  it('says which inventory rule decided: package and range, URL pattern, command glob, gateway; nothing for shadow', () => {
    const by = (p: Partial<ServerEntry>) => check(p).matchedBy;
    assert.deepEqual(by({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21'] }), { kind: 'package', rule: 'npm package @modelcontextprotocol/server-filesystem, versions >=2025.7.0' });
    assert.deepEqual(by({ command: 'npx', args: ['old-mcp'] }), { kind: 'package', rule: 'npm package old-mcp, any version' });
    assert.deepEqual(by({ command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server@sha256:' + 'b'.repeat(64)] }), { kind: 'package', rule: 'oci package ghcr.io/github/github-mcp-server, digest sha256:bbbbbbbbbbbb…' });
    // outside the range: the rule that names the approved versions
    assert.deepEqual(by({ command: 'npx', args: ['@modelcontextprotocol/server-filesystem@2025.3.0'] }), { kind: 'package', rule: 'npm package @modelcontextprotocol/server-filesystem, versions >=2025.7.0' });
    assert.deepEqual(by({ transport: 'http', url: 'https://api.githubcopilot.com/mcp/x' }), { kind: 'url', rule: 'URL pattern https://api.githubcopilot.com/mcp/**' });
    assert.deepEqual(by({ command: '/opt/acme/mcp/bin/search' }), { kind: 'command', rule: 'command /opt/acme/mcp/bin/*' });
    assert.deepEqual(by({ transport: 'http', url: 'https://mcp.acme.example/gw/fs/mcp' }), { kind: 'gateway', rule: 'gateway route https://mcp.acme.example/gw/fs/mcp' });
    assert.deepEqual(by({ transport: 'http', url: 'https://mcp.acme.example/gw/other' }), { kind: 'gateway', rule: 'under the gateway https://mcp.acme.example/gw/' });
    assert.equal(by({ command: 'npx', args: ['-y', '@evil/server-filesystem'] }), undefined);
  });

  it('a disabled entry is reported with info severity', () => {
    const r = check({ command: 'npx', args: ['unknown-mcp'], disabled: true });
    assert.equal(r.findings[0].severity, 'info');
    assert.match(r.findings[0].message, /The entry is disabled/);
  });
});

describe('URL index (property)', () => {
  // The index only looks at patterns filed under the host and path segments a URL has; it must find exactly what
  // comparing the URL with every pattern finds, in inventory order.
  const seg = fc.constantFrom('a', 'b', 'mcp', 'A', '*', '**', 'a*', '?', '{a,b}', 'x.y');
  const host = fc.constantFrom('h.example', 'H.example', '*.example', 'g.example', 'h.example.');
  const pathOf = (segs: string[]) => segs.map((s) => `/${s}`).join('');
  const pattern = fc.tuple(fc.constantFrom('https', 'http', 'http*'), host, fc.option(fc.constantFrom('8080', '443', '80*'), { nil: undefined }), fc.array(seg, { maxLength: 4 }), fc.boolean())
    .map(([scheme, h, port, segs, slash]) => `${scheme}://${h}${port ? `:${port}` : ''}${pathOf(segs)}${slash ? '/' : ''}`);
  const url = fc.tuple(fc.constantFrom('https', 'http'), fc.constantFrom('h.example', 'H.EXAMPLE', 'g.example', 'z.example'), fc.option(fc.constantFrom('8080', '443', '801'), { nil: undefined }), fc.array(fc.constantFrom('a', 'b', 'mcp', 'A', 'ab', 'x.y', ''), { maxLength: 5 }))
    .map(([scheme, h, port, segs]) => `${scheme}://${h}${port ? `:${port}` : ''}${pathOf(segs)}`);

  it('finds the same URL candidates as comparing with every pattern', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.array(fc.array(pattern, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.array(url, { minLength: 1, maxLength: 8 }), (entries, urls) => {
        const inventory = InventorySchema.parse({ schemaVersion: 1, servers: entries.map((u, i) => ({ id: `e${i}`, status: 'approved', match: { urls: u } })) });
        const idx = new InventoryIndex(inventory);
        for (const u of urls) {
          const n = normalizeUrl(u)!;
          const expected = inventory.servers.flatMap((e) => (e.match.urls ?? []).map(compileUrlPattern).filter((p) => p !== null && urlMatches(p, n)).map((p) => `${e.id} ${p!.source}`));
          const found = idx.match({ url: u, package: null, command: null }).candidates.map((c) => `${c.entry!.id} ${c.pattern}`);
          assert.deepEqual(found, expected, u);
        }
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });
});
