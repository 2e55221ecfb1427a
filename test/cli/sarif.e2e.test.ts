// End-to-end: `mcp-gatekeeper scan --format sarif` from the real CLI bundle, as a CI job runs it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SarifLog, SarifResult } from '../../src/core/report/sarif';
import { CLI, FIXTURES, REPO_ROOT, tempDir, writeTree } from '../helpers';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

interface Machine {
  home: string;
  ws: string;
  args: string[];
}

/** A fake machine: a home, a workspace, an empty system root and a private cache, so nothing real is read. */
function machine(homeFiles: Record<string, string>, wsFiles: Record<string, string>): Machine {
  const home = tempDir();
  const ws = tempDir();
  writeTree(home, homeFiles);
  writeTree(ws, wsFiles);
  return { home, ws, args: ['--home', home, '--platform', 'linux', '--workspace', ws, '--system-root', tempDir(), '--cache-dir', tempDir()] };
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MCPG_INVENTORY_TOKEN: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const USER_CURSOR = JSON.stringify(
  {
    mcpServers: {
      github: {
        command: 'docker',
        args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.20.1'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' },
      },
    },
  },
  null,
  2,
);
const PROJECT_MCP = JSON.stringify(
  {
    mcpServers: {
      github: { command: 'npx', args: ['-y', 'github-mcp-tools@1.0.3'] },
      slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: 'xoxb-1234567890-abcdefghijklmnop' } },
    },
  },
  null,
  2,
);

describe('mcp-gatekeeper scan --format sarif (CLI)', () => {
  it('prints valid SARIF 2.1.0 that GitHub code scanning accepts, and exits by --fail-on', () => {
    const m = machine({ '.cursor/mcp.json': USER_CURSOR }, { '.mcp.json': PROJECT_MCP });
    const r = run(['scan', ...m.args, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr); // a shadow and a rejected server: the default --fail-on shadow fails
    assert.equal(r.stderr, '');
    const log: SarifLog = JSON.parse(r.stdout);
    assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));

    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'MCP Gatekeeper');
    // the version comes from the build (package.json via esbuild's define)
    assert.equal(run0.tool.driver.version, VERSION);
    assert.equal(run0.tool.driver.semanticVersion, VERSION);
    assert.equal(run0.tool.driver.informationUri, undefined);
    assert.deepEqual(run0.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(m.ws).href}/`);

    const results: SarifResult[] = run0.results;
    for (const res of results) {
      assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(res.locations[0].physicalLocation.region!.startLine >= 1);
      assert.match(res.partialFingerprints['mcpGatekeeper/v1'], /^[0-9a-f]{64}$/);
    }
    const find = (rule: string, server: string) => results.find((x) => x.ruleId === rule && x.properties.server === server)!;

    // workspace file: relative to %SRCROOT%; the key "slack" is at zero-based line 9, characters 4..11
    const slack = find('rejected-mcp', 'slack');
    assert.equal(slack.level, 'error');
    assert.deepEqual(slack.locations[0].physicalLocation, { artifactLocation: { uri: '.mcp.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 5, endLine: 10, endColumn: 12 } });
    assert.deepEqual(slack.properties, { verdict: 'rejected', client: 'claude-code', scope: 'workspace', server: 'slack', inventoryId: 'slack' });

    // the repository redefines the user's approved "github": both definitions are flagged, each pointing at the other
    const projectDup = results.find((x) => x.ruleId === 'duplicate-server-name' && x.properties.scope === 'workspace')!;
    assert.equal(projectDup.level, 'warning');
    assert.deepEqual(projectDup.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.message?.text]), [
      [pathToFileURL(path.join(m.home, '.cursor/mcp.json')).href, 'also defined in ~/.cursor/mcp.json (cursor) running docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server:v0.20.1'],
    ]);
    const userDup = results.find((x) => x.ruleId === 'duplicate-server-name' && x.properties.scope === 'user')!;
    // user-level file: an absolute file URI
    assert.equal(userDup.locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(path.join(m.home, '.cursor/mcp.json')).href);
    assert.deepEqual(userDup.locations[0].physicalLocation.region, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 13 });
    assert.equal(userDup.relatedLocations?.[0].physicalLocation.artifactLocation.uri, '.mcp.json');

    // no secret from the configs reaches the report
    assert.ok(!r.stdout.includes('ghp_0123456789abcdefghij'), 'GitHub token leaked');
    assert.ok(!r.stdout.includes('xoxb-1234567890-abcdefghijklmnop'), 'Slack token leaked');

    const never = run(['scan', ...m.args, '--format', 'sarif', '--fail-on', 'never']);
    assert.equal(never.code, 0);
    assert.equal(never.stdout, r.stdout);
  });

  it('gives the same fingerprints from another checkout after lines moved', () => {
    const a = machine({}, { '.mcp.json': PROJECT_MCP });
    const b = machine({}, { '.mcp.json': `\n\n\n${JSON.stringify(JSON.parse(PROJECT_MCP), null, 4)}` });
    const fp = (m: Machine) =>
      (JSON.parse(run(['scan', ...m.args, '--format', 'sarif']).stdout) as SarifLog).runs[0].results.map((x) => ({ rule: x.ruleId, fingerprint: x.partialFingerprints['mcpGatekeeper/v1'], line: x.locations[0].physicalLocation.region!.startLine }));
    const before = fp(a);
    const after = fp(b);
    assert.ok(before.length >= 3);
    assert.deepEqual(after.map(({ rule, fingerprint }) => ({ rule, fingerprint })), before.map(({ rule, fingerprint }) => ({ rule, fingerprint })));
    assert.ok(after.every((x, i) => x.line > before[i].line));
  });

  it('adds helpUri with --docs-base-url, reports broken files as notifications, and refuses a bad base URL', () => {
    const m = machine({ '.cursor/mcp.json': '{ "mcpServers": { "a": ' }, { '.mcp.json': PROJECT_MCP });
    const r = run(['scan', ...m.args, '--format', 'sarif', '--fail-on', 'never', '--docs-base-url', 'https://github.com/acme/mcp-gatekeeper/blob/main/docs/rules/']);
    assert.equal(r.code, 0, r.stderr);
    const log: SarifLog = JSON.parse(r.stdout);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const rules = log.runs[0].tool.driver.rules;
    assert.equal(rules.find((x) => x.id === 'shadow-mcp')!.helpUri, 'https://github.com/acme/mcp-gatekeeper/blob/main/docs/rules/shadow-mcp.md');
    assert.ok(rules.every((x) => x.helpUri && x.help?.text));
    const notes = log.runs[0].invocations[0].toolExecutionNotifications ?? [];
    assert.equal(notes.length, 1);
    assert.equal(notes[0].level, 'error');
    assert.equal(notes[0].locations?.[0].physicalLocation.artifactLocation.uri, pathToFileURL(path.join(m.home, '.cursor/mcp.json')).href);

    const bad = run(['scan', ...m.args, '--format', 'sarif', '--docs-base-url', 'docs/rules/']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /--docs-base-url: not a valid URL: docs\/rules\//);
    const plain = run(['scan', ...m.args, '--format', 'sarif', '--docs-base-url', 'http://docs.acme.example/rules/']);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /--docs-base-url: plain http is only allowed to loopback addresses/);
    const badFormat = run(['scan', ...m.args, '--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of table, json, sarif/);
  });

  it('an empty machine still gives a valid log with every rule described', () => {
    const m = machine({}, {});
    const r = run(['scan', ...m.args, '--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const log: SarifLog = JSON.parse(r.stdout);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.some((x) => x.id === 'duplicate-server-name'));
  });
});
