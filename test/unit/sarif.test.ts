// SARIF 2.1.0 output: valid against the official schema, and shaped the way GitHub code scanning needs it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { bundledInventory } from '../../src/core/inventory/load';
import type { CheckedServer, Platform } from '../../src/core/model';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, toRegion, toSarif, type SarifLog, type SarifResult } from '../../src/core/report/sarif';
import { allRuleMeta } from '../../src/core/rules';
import { DUPLICATE_SERVER_NAME_RULE } from '../../src/core/rules/duplicateNames';
import { scan, type ScanResult } from '../../src/core/scan';
import { FIXTURES, tempDir, writeTree } from '../helpers';

/** system-wide (managed) files are read from an empty folder, so this machine's /etc cannot change the results */
const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };
const WORKSPACE = path.join(FIXTURES, 'workspace');

// The SARIF 2.1.0 schema as the SARIF SDK ships it (test/fixtures/sarif/README.md says where it comes from).
const SCHEMA = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(SCHEMA);

function assertValid(log: SarifLog): void {
  // round-trip through JSON: what is validated is what the CLI prints
  const json: SarifLog = JSON.parse(JSON.stringify(log));
  const ok = validateSchema(json);
  assert.ok(ok, ajv.errorsText(validateSchema.errors, { separator: '\n' }));
  assertGithubReady(json);
}

/** What GitHub code scanning needs beyond the schema (docs: "SARIF support for code scanning"). */
function assertGithubReady(log: SarifLog): void {
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.ok(run.tool.driver.name);
  const ids = run.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text, `rule ${rule.id} is described`);
    assert.ok(rule.shortDescription.text.length <= 1024);
  }
  for (const r of run.results) {
    assert.ok(r.ruleId, 'ruleId');
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId, 'ruleIndex points at the rule');
    assert.ok(r.message.text, 'message.text');
    assert.ok(r.locations.length >= 1, 'a location');
    const loc = r.locations[0].physicalLocation;
    assert.ok(loc.artifactLocation.uri, 'artifactLocation.uri');
    assert.ok(loc.region && loc.region.startLine >= 1, 'a region with startLine');
    if (loc.artifactLocation.uriBaseId) assert.ok(run.originalUriBaseIds?.[loc.artifactLocation.uriBaseId], 'uriBaseId is defined');
    else assert.match(loc.artifactLocation.uri, /^file:\/\//);
    assert.match(r.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{64}$/, 'partialFingerprints');
  }
}

function resultsFor(log: SarifLog, ruleId: string, server?: string): SarifResult[] {
  return log.runs[0].results.filter((r) => r.ruleId === ruleId && (server === undefined || r.properties.server === server));
}

async function fixtureScan(platform: Platform = 'linux'): Promise<{ home: string; result: ScanResult }> {
  const home = path.join(FIXTURES, 'homes', platform);
  return { home, result: await scan({ home, platform, workspaces: [WORKSPACE], env: NO_SYSTEM, inventory: bundledInventory() }) };
}

describe('SARIF output', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`is valid SARIF 2.1.0 for the ${platform} fixtures, one result per finding`, async () => {
      const { home, result } = await fixtureScan(platform);
      const log = toSarif(result, { workspaces: [WORKSPACE], home });
      assertValid(log);
      assert.equal(log.$schema, SARIF_SCHEMA_URI);
      const findings = result.servers.reduce((n, s) => n + s.findings.length, 0);
      assert.equal(log.runs[0].results.length, findings);
      assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
      // user-level files are outside the workspace: absolute file URIs (spaces encoded on macOS)
      const claude = resultsFor(log, 'rejected-mcp', 'everything')[0];
      assert.equal(claude.locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(result.servers.find((s) => s.name === 'everything')!.file).href);
      if (platform === 'darwin') assert.match(claude.locations[0].physicalLocation.artifactLocation.uri, /\/Library\/Application%20Support\/Claude\/claude_desktop_config\.json$/);
    });
  }

  it('the schema check has teeth: zero-based regions, unknown levels and missing messages are rejected', async () => {
    const { home, result } = await fixtureScan();
    const good = JSON.parse(JSON.stringify(toSarif(result, { workspaces: [WORKSPACE], home })));
    assert.equal(validateSchema(good), true);
    const zeroBased = structuredClone(good);
    zeroBased.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validateSchema(zeroBased), false);
    const badLevel = structuredClone(good);
    badLevel.runs[0].results[0].level = 'info';
    assert.equal(validateSchema(badLevel), false);
    const noMessage = structuredClone(good);
    delete noMessage.runs[0].results[0].message;
    assert.equal(validateSchema(noMessage), false);
  });

  it('maps each finding to its rule, level, 1-based region and properties', async () => {
    const { home, result } = await fixtureScan();
    const log = toSarif(result, { workspaces: [WORKSPACE], home });
    const [perplexity] = resultsFor(log, 'shadow-mcp', 'perplexity');
    assert.deepEqual(perplexity, {
      ruleId: 'shadow-mcp',
      ruleIndex: log.runs[0].tool.driver.rules.findIndex((r) => r.id === 'shadow-mcp'),
      level: 'warning',
      message: { text: '"perplexity" is a shadow MCP server: npm package server-perplexity-ask is not in the Acme inventory.' },
      // the key "perplexity" is at zero-based line 23, characters 4..16 of .vscode/mcp.json
      locations: [{ physicalLocation: { artifactLocation: { uri: '.vscode/mcp.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 5, endLine: 24, endColumn: 17 } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: perplexity.partialFingerprints[FINGERPRINT_KEY] },
      properties: { verdict: 'unknown', client: 'vscode', scope: 'workspace', server: 'perplexity' },
    });
    assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(WORKSPACE).href}/`, description: { text: 'The workspace folder that was scanned.' } } });
    const [slack] = resultsFor(log, 'rejected-mcp', 'slack');
    assert.equal(slack.level, 'error');
    assert.deepEqual(slack.properties, { verdict: 'rejected', client: 'cursor', scope: 'workspace', server: 'slack', inventoryId: 'slack' });
    assert.equal(slack.locations[0].physicalLocation.artifactLocation.uri, '.cursor/mcp.json');
    // a disabled entry's findings are informational: SARIF "note"
    const [puppeteer] = resultsFor(log, 'deprecated-mcp', 'puppeteer');
    assert.equal(puppeteer.level, 'note');
    assert.equal(puppeteer.properties.disabled, true);
    assert.equal(puppeteer.locations[0].physicalLocation.artifactLocation.uri, '.mcp.json');
  });

  it('converts zero-based ranges to SARIF regions (end column is the one after the last character)', () => {
    assert.deepEqual(toRegion({ start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }), { startLine: 1, startColumn: 1, endLine: 1, endColumn: 9 });
    assert.deepEqual(toRegion({ start: { line: 4, character: 6 }, end: { line: 6, character: 1 } }), { startLine: 5, startColumn: 7, endLine: 7, endColumn: 2 });
    // an empty range is an insertion point; a backwards one is never emitted as such
    assert.deepEqual(toRegion({ start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }), { startLine: 3, startColumn: 4, endLine: 3, endColumn: 4 });
    assert.deepEqual(toRegion({ start: { line: 2, character: 3 }, end: { line: 1, character: 0 } }), { startLine: 3, startColumn: 4, endLine: 3, endColumn: 4 });
  });

  it('describes every rule with its default level, help and a link to its docs page (the policy can move them)', async () => {
    const { result } = await fixtureScan();
    const rules = toSarif(result).runs[0].tool.driver.rules;
    const metas = [...allRuleMeta(), DUPLICATE_SERVER_NAME_RULE].filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i);
    assert.deepEqual(rules.map((r) => r.id), metas.map((m) => m.id));
    const rejected = rules.find((r) => r.id === 'rejected-mcp')!;
    assert.deepEqual(rejected, {
      id: 'rejected-mcp',
      name: 'RejectedMcpServer',
      shortDescription: { text: 'MCP server rejected by the organization' },
      fullDescription: { text: 'The inventory rejects this server; the message gives the reason and, when there is one, the approved replacement.' },
      defaultConfiguration: { level: 'error' },
      helpUri: 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/rejected-mcp.md',
      help: {
        text: 'The inventory rejects this server; the message gives the reason and, when there is one, the approved replacement.',
        markdown:
          '**MCP server rejected by the organization**\n\nThe inventory rejects this server; the message gives the reason and, when there is one, the approved replacement.\n\n[Rule documentation](https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/rejected-mcp.md)',
      },
      properties: { tags: ['security', 'mcp'], 'security-severity': '8.0' },
    });
    assert.equal(rules.find((r) => r.id === 'inventory-stale')!.defaultConfiguration?.level, 'note');
    assert.equal(rules.find((r) => r.id === 'duplicate-server-name')!.defaultConfiguration?.level, 'warning');
    assert.ok(rules.every((r) => r.helpUri === `https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/${r.id}.md`));

    const withDocs = toSarif(result, { docsBaseUrl: 'https://github.com/acme/mcp-gatekeeper/blob/main/docs/rules/' }).runs[0].tool.driver.rules;
    assert.equal(withDocs.find((r) => r.id === 'shadow-mcp')!.helpUri, 'https://github.com/acme/mcp-gatekeeper/blob/main/docs/rules/shadow-mcp.md');
    assert.match(withDocs.find((r) => r.id === 'shadow-mcp')!.help!.markdown, /\[Rule documentation\]\(https:\/\/github\.com\/acme\/mcp-gatekeeper\/blob\/main\/docs\/rules\/shadow-mcp\.md\)$/);
    assertValid(toSarif(result, { docsBaseUrl: 'https://docs.acme.example/mcp/rules/{id}.html', informationUri: 'https://docs.acme.example/mcp/' }));
    const templated = toSarif(result, { docsBaseUrl: 'https://docs.acme.example/mcp/rules/{id}.html' }).runs[0].tool.driver.rules;
    assert.equal(templated.find((r) => r.id === 'hardcoded-secret')!.helpUri, 'https://docs.acme.example/mcp/rules/hardcoded-secret.html');
  });

  it('names the tool and its version; informationUri only when configured', async () => {
    const { result } = await fixtureScan();
    const plain = toSarif(result).runs[0].tool.driver;
    // compiled by tsc there is no build version: no version at all rather than a made-up one
    assert.deepEqual(Object.keys(plain), ['name', 'rules']);
    assert.equal(plain.name, 'MCP Gatekeeper');
    const versioned = toSarif(result, { toolVersion: '0.1.0', informationUri: 'https://docs.acme.example/mcp/' }).runs[0].tool.driver;
    assert.equal(versioned.version, '0.1.0');
    assert.equal(versioned.semanticVersion, '0.1.0');
    assert.equal(versioned.informationUri, 'https://docs.acme.example/mcp/');
    assert.equal(toSarif(result, { toolVersion: 'dev' }).runs[0].tool.driver.semanticVersion, undefined);
  });

  it('duplicate names become related locations pointing at the other definitions', async () => {
    const home = tempDir();
    const ws = tempDir();
    writeTree(home, { '.cursor/mcp.json': JSON.stringify({ mcpServers: { search: { command: 'npx', args: ['-y', '@acme/search-mcp@2.0.0'] } } }, null, 2) });
    writeTree(ws, { '.mcp.json': JSON.stringify({ mcpServers: { search: { type: 'http', url: 'https://search.example.org/mcp' } } }, null, 2) });
    const result = await scan({ home, platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const log = toSarif(result, { workspaces: [ws], home });
    assertValid(log);
    const inWorkspace = resultsFor(log, 'duplicate-server-name').find((r) => r.properties.scope === 'workspace')!;
    assert.deepEqual(inWorkspace.relatedLocations, [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: pathToFileURL(path.join(home, '.cursor/mcp.json')).href }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 13 } },
        message: { text: 'also defined in ~/.cursor/mcp.json (cursor) running npx -y @acme/search-mcp@2.0.0' },
      },
    ]);
    const inHome = resultsFor(log, 'duplicate-server-name').find((r) => r.properties.scope === 'user')!;
    assert.deepEqual(inHome.relatedLocations?.[0].physicalLocation, { artifactLocation: { uri: '.mcp.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 13 } });
  });

  it('fingerprints survive line moves and other checkouts, and tell apart two findings of one rule', async () => {
    const config = { mcpServers: { slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] }, tracker: { url: 'https://tracker.example.com/mcp' } } };
    const runIn = async (text: string) => {
      const home = tempDir();
      const ws = tempDir();
      writeTree(ws, { '.cursor/mcp.json': text });
      const result = await scan({ home, platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
      // only the inventory rules: other rules may add findings to the same servers
      return toSarif(result, { workspaces: [ws], home }).runs[0].results.filter((r) => r.ruleId === 'rejected-mcp' || r.ruleId === 'shadow-mcp');
    };
    const before = await runIn(JSON.stringify(config, null, 2));
    // another checkout folder, a comment and blank lines on top: every line moves
    const after = await runIn(`// team MCP servers\n\n\n${JSON.stringify(config, null, 4)}`);
    assert.deepEqual(before.map((r) => r.ruleId), ['rejected-mcp', 'shadow-mcp']);
    assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
    assert.notDeepEqual(after.map((r) => r.locations[0].physicalLocation.region), before.map((r) => r.locations[0].physicalLocation.region));
    assert.notEqual(before[0].partialFingerprints[FINGERPRINT_KEY], before[1].partialFingerprints[FINGERPRINT_KEY]);

    // two findings of the same rule on one server (e.g. two secrets) get different fingerprints, each on its own range
    const { home, result } = await fixtureScan();
    const perplexity = result.servers.find((s) => s.name === 'perplexity')!;
    const twice: CheckedServer = {
      ...perplexity,
      findings: [
        { rule: 'hardcoded-secret', severity: 'error', message: 'A token ghp_0123456789abcdefghijABCDEFGHIJ012345 is written into the config.', range: { start: { line: 27, character: 30 }, end: { line: 27, character: 46 } } },
        { rule: 'hardcoded-secret', severity: 'error', message: 'Another secret.', range: { start: { line: 26, character: 20 }, end: { line: 26, character: 30 } } },
      ],
    };
    const log = toSarif({ ...result, servers: [twice] }, { workspaces: [WORKSPACE], home });
    assertValid(log);
    const [a, b] = log.runs[0].results;
    assert.notEqual(a.partialFingerprints[FINGERPRINT_KEY], b.partialFingerprints[FINGERPRINT_KEY]);
    assert.deepEqual(a.locations[0].physicalLocation.region, { startLine: 28, startColumn: 31, endLine: 28, endColumn: 47 });
    // a rule the metadata does not list yet still gets a descriptor, so ruleIndex stays valid
    assert.equal(log.runs[0].tool.driver.rules[a.ruleIndex].id, 'hardcoded-secret');
    // messages are masked again on the way out
    assert.equal(a.message.text, 'A token ghp_01**** is written into the config.');
  });

  it('includes file-level findings and reports unreadable files as tool execution notifications', async () => {
    const home = tempDir();
    const ws = tempDir();
    writeTree(home, { '.cursor/mcp.json': '{ "mcpServers": { "a": { "command": "npx", "args": ["x"] }, } ' });
    writeTree(ws, {
      '.vscode/settings.json': '{\n  "editor.tabSize": 2,\n  "mcpGatekeeper.inventory.url": "https://evil.example/inventory.json"\n}\n',
      'sub dir/.keep': '',
    });
    const result = await scan({ home, platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const log = toSarif(result, { workspaces: [ws], home });
    assertValid(log);
    const [override] = resultsFor(log, 'inventory-override-attempt');
    assert.deepEqual(override.locations, [{ physicalLocation: { artifactLocation: { uri: '.vscode/settings.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 32 } } }]);
    assert.equal(override.level, 'warning');
    assert.deepEqual(override.properties, { client: 'vscode', scope: 'workspace' });
    assert.match(override.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{64}$/);

    const notes = log.runs[0].invocations[0].toolExecutionNotifications!;
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].level, 'error');
    assert.match(notes[0].message.text, /\.cursor\/mcp\.json \(cursor\): invalid JSON: /);
    assert.equal(notes[0].locations?.[0].physicalLocation.artifactLocation.uri, pathToFileURL(path.join(home, '.cursor/mcp.json')).href);
    assert.equal(notes[0].locations?.[0].physicalLocation.region?.startLine, 1);
  });

  it('encodes workspace paths as URI references', async () => {
    const ws = path.join(tempDir(), 'my project #1');
    writeTree(ws, { '.vscode/mcp.json': JSON.stringify({ servers: { perplexity: { command: 'npx', args: ['-y', 'server-perplexity-ask'] } } }) });
    const result = await scan({ home: tempDir(), platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const log = toSarif(result, { workspaces: [ws] });
    assertValid(log);
    assert.equal(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri, `${pathToFileURL(ws).href}/`);
    assert.match(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri, /\/my%20project%20%231\/$/);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, '.vscode/mcp.json');
  });

  it('never prints a secret: messages, server names and inventory errors are masked', async () => {
    const { home, result } = await fixtureScan();
    const leaky: ScanResult = {
      ...result,
      inventory: { ...result.inventory, error: 'GET https://inv.acme.example/servers.json?token=abcdefghijklmnopqrstuvwx12345 failed: 503', fromCache: true },
      servers: result.servers.map((s) => (s.name === 'perplexity' ? { ...s, name: 'perplexity-sk-ant-api03-abcdefghijklmnopqrstuvwxyz', findings: [{ ...s.findings[0], message: 'Bearer abcdefghijklmnop1234 and xoxb-1234567890-abcdefghijklmnop' }] } : s)),
    };
    const text = JSON.stringify(toSarif(leaky, { workspaces: [WORKSPACE], home }));
    assert.ok(!text.includes('abcdefghijklmnopqrstuvwx12345'), 'inventory token leaked');
    assert.ok(!text.includes('sk-ant-api03-abcdefghijklmnop'), 'key in a server name leaked');
    assert.ok(!text.includes('abcdefghijklmnop1234'), 'bearer token leaked');
    assert.ok(!text.includes('xoxb-1234567890-abcdefghijklmnop'), 'Slack token leaked');
    assert.ok(!text.includes('ghp_0123456789abcdefghij'), 'GitHub token from the fixture leaked');
  });
});
