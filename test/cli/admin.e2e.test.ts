// End-to-end: the admin commands of the real CLI bundle (inventory validate, export, import, report).
// The bundle is $MCPG_CLI when set (a scratch build), else dist/cli.js.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI as DEFAULT_CLI, FIXTURES, tempDir } from '../helpers';

const CLI = process.env.MCPG_CLI ?? DEFAULT_CLI;
const ADMIN = path.join(FIXTURES, 'admin');
const INVENTORY = path.join(ADMIN, 'inventory.json');

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mcp-gatekeeper admin commands (CLI)', function () {
  this.timeout(60_000);

  describe('inventory validate', () => {
    it('exit 0 and OK for a valid inventory', () => {
      const r = run(['inventory', 'validate', INVENTORY]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^OK: .*inventory\.json is a valid inventory \(13 entries\)\.\n$/);
    });

    it('exit 1 with file:line:column for each problem; --format json', () => {
      const bad = path.join(ADMIN, 'invalid-inventory.jsonc');
      const r = run(['inventory', 'validate', bad]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /invalid-inventory\.jsonc:10:13: error\[duplicate-id\]: duplicate id "fs" \(first used by servers\[0\]\)/);
      assert.match(r.stdout, /invalid-inventory\.jsonc:14:58: error\[replaced-by\]: replacedBy refers to unknown id "nope"/);
      const j = run(['inventory', 'validate', bad, '--format', 'json']);
      assert.equal(j.code, 1);
      const result = JSON.parse(j.stdout);
      assert.equal(result.entries, 11);
      assert.ok(result.problems.every((p: { line: number; column: number }) => p.line > 0 && p.column > 0));
    });

    it('exit 2 on usage errors', () => {
      assert.equal(run(['inventory', 'validate']).code, 2);
      assert.equal(run(['inventory', 'validate', path.join(ADMIN, 'nope.json')]).code, 2);
    });
  });

  describe('export', () => {
    for (const [target, file] of [
      ['claude-code', 'managed-settings.json'],
      ['codex', 'requirements.toml'],
      ['gemini', 'settings.json'],
      ['windsurf', 'windsurf-mcp-whitelist.json'],
    ] as const) {
      it(`--to ${target} -o writes the golden file and prints what could not be expressed (exit 0)`, () => {
        const out = path.join(tempDir(), file);
        const r = run(['export', '--to', target, '--inventory', INVENTORY, '-o', out]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(fs.readFileSync(out, 'utf8'), fs.readFileSync(path.join(ADMIN, 'export', target, file), 'utf8'));
        assert.match(r.stdout, new RegExp(`written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        assert.match(r.stdout, /NOT EXPRESSED|WIDENED/);
      });
    }

    it('--to claude-code --with-managed-mcp writes both files; without -o it is refused', () => {
      const dir = tempDir();
      const r = run(['export', '--to', 'claude-code', '--inventory', INVENTORY, '--with-managed-mcp', '-o', path.join(dir, 'managed-settings.json')]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'managed-mcp.json'), 'utf8')), JSON.parse(fs.readFileSync(path.join(ADMIN, 'export', 'claude-code', 'managed-mcp.json'), 'utf8')));
      assert.equal(run(['export', '--to', 'claude-code', '--inventory', INVENTORY, '--with-managed-mcp']).code, 2);
    });

    it('--to vscode prints the registry document on stdout and the policy values on stderr', () => {
      const r = run(['export', '--to', 'vscode', '--inventory', INVENTORY, '--registry-url', 'https://mcp.globex.example/registry']);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      const golden = JSON.parse(fs.readFileSync(path.join(ADMIN, 'export', 'vscode', 'servers.json'), 'utf8'));
      const strip = (d: { servers: { server: unknown }[] }) => d.servers.map((s) => s.server);
      assert.deepEqual(strip(doc), strip(golden));
      assert.match(r.stderr, /Policy values: \{"chat\.mcp\.access":"registry","chat\.mcp\.gallery\.serviceUrl":"https:\/\/mcp\.globex\.example\/registry"\}/);
    });

    it('exit 2 for an unknown target or a missing --to', () => {
      assert.equal(run(['export', '--to', 'notepad', '--inventory', INVENTORY]).code, 2);
      assert.equal(run(['export', '--inventory', INVENTORY]).code, 2);
    });
  });

  describe('import', () => {
    it('--from claude-code writes a draft inventory that validates', () => {
      const dir = tempDir();
      const out = path.join(dir, 'draft.json');
      const r = run(['import', '--from', 'claude-code', path.join(ADMIN, 'import', 'claude-managed-settings.json'), '-o', out, '--organization', 'Globex']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Draft inventory: 7 approved and 2 rejected entries/);
      assert.match(r.stdout, /\{"serverName":"github"\}: a name-only rule/);
      assert.equal(run(['inventory', 'validate', out]).code, 0);
      assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).organization, 'Globex');
      assert.equal(run(['import', '--from', 'claude-code', path.join(ADMIN, 'import', 'claude-managed-settings.json'), '-o', out]).code, 2, 'no overwrite without --force');
    });

    it('--from registry reads our own vscode export back', () => {
      const r = run(['import', '--from', 'registry', path.join(ADMIN, 'export', 'vscode', 'servers.json')]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).servers.map((s: { id: string }) => s.id), ['filesystem', 'playwright', 'memory', 'git', 'github', 'sentry']);
    });
  });

  describe('report', () => {
    it('writes HTML, JSON and Markdown with the same numbers', () => {
      const dir = tempDir();
      const args = [path.join(ADMIN, 'results'), '--inventory', path.join(ADMIN, 'report-inventory.json'), '--now', '2026-11-21T00:00:00Z'];
      for (const ext of ['html', 'json', 'md']) {
        const r = run(['report', ...args, '-o', path.join(dir, `report.${ext}`)]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, new RegExp(`Fleet report \\(${ext}\\) written to .*: 5 machines, \\d+ servers, \\d+ shadow, 1 unusable file\\(s\\)`));
      }
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
      const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
      const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
      assert.equal(json.inputs.machines, 5);
      assert.match(html, new RegExp(`data-metric="shadow">${json.totals.shadow}<`));
      assert.match(md, new RegExp(`\\| Shadow servers \\(enabled\\) \\| ${json.totals.shadow} \\|`));
      assert.deepEqual(json.hygiene.stalePending.map((p: { id: string }) => p.id), ['context7']);
    });

    it('--format md to stdout; exit 1 with no usable result; exit 2 on usage errors', () => {
      const r = run(['report', path.join(ADMIN, 'results'), '--format', 'md', '--now', '2026-11-21T00:00:00Z']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^# MCP fleet report\n/);
      const empty = tempDir();
      fs.writeFileSync(path.join(empty, 'x.json'), '{}');
      assert.equal(run(['report', empty, '--format', 'json']).code, 1);
      assert.equal(run(['report']).code, 2);
      assert.equal(run(['report', path.join(ADMIN, 'results'), '--format', 'pdf']).code, 2);
    });
  });
});
