// Rule documentation: every rule the tool can report has a page in docs/rules/ with the same sections, the index and
// the README link to them, and help links (diagnostics, SARIF, hover) are built by one function from the policy's
// docs base URL, which only a managed policy file or user/machine settings (or the CLI) can set.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InspectRuleId } from '../../src/core/inspect/types';
import { parseDocument } from '../../src/core/parse';
import { findPolicyOverrides, POLICY_SETTINGS } from '../../src/core/policy/overrides';
import { readPolicyFile, resolvePolicy } from '../../src/core/policy/policy';
import { allRuleMeta } from '../../src/core/rules';
import { DEFAULT_DOCS_BASE_URL, DOCS_BASE_URL_PATTERN, docsBaseUrlProblem, ruleHelpUri } from '../../src/core/rules/docs';
import { REPO_ROOT, tempDir, writeTree } from '../helpers';

const DOCS = path.join(REPO_ROOT, 'docs', 'rules');
/** the inspection rules (`inspect`): a new one fails to compile here until it is listed (and documented) */
const INSPECT_RULES: Record<InspectRuleId, true> = { 'tool-poisoning': true, 'tool-shadowing': true, 'tool-changed': true };
/** every id a user can meet: static and inventory rules, inspection rules, and the editor's unreadable-file code */
const reportable = () => [...new Set([...allRuleMeta().map((m) => m.id), ...Object.keys(INSPECT_RULES), 'invalid-config'])];
const SECTIONS = ['What it flags', 'Why it matters', 'Examples', 'How to fix', 'Severity and configuration'];

describe('rule documentation pages', () => {
  for (const id of reportable()) {
    it(`docs/rules/${id}.md has the title and every section, in order`, () => {
      const file = path.join(DOCS, `${id}.md`);
      assert.ok(fs.existsSync(file), `missing ${path.relative(REPO_ROOT, file)}`);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text.split('\n')[0], `# ${id}`);
      const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
      assert.deepEqual(headings.filter((h) => SECTIONS.includes(h)), SECTIONS, `${id}: sections`);
      for (const section of SECTIONS) {
        const body = text.split(`## ${section}`)[1].split(/^## /m)[0].trim();
        assert.ok(body.length > 40, `${id}: "${section}" is empty`);
      }
      // examples show a flagged config and a fine one, in code blocks
      const examples = text.split('## Examples')[1].split(/^## /m)[0];
      assert.ok((examples.match(/^```/gm) ?? []).length >= 4, `${id}: at least two example code blocks`);
    });
  }

  it('the pages never contain anything that looks like a real secret', () => {
    const tokenLike = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[0-9]{6,}-|sk-(?:ant-)?[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|glpat-[A-Za-z0-9_-]{20})/;
    for (const file of fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(DOCS, file), 'utf8');
      const hit = tokenLike.exec(text);
      if (hit && !/EXAMPLE/i.test(hit[0])) assert.fail(`${file}: "${hit[0].slice(0, 12)}…" looks like a real token; use an obviously fake one (…EXAMPLE…)`);
    }
  });

  it('the index lists every page and links only to pages that exist; the README links every rule to its page', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const page of pages) assert.ok(index.includes(`](${page})`), `docs/rules/README.md does not link ${page}`);
    for (const [, link] of index.matchAll(/\]\(([^)#]+\.md)\)/g)) assert.ok(pages.includes(link), `the index links a missing page ${link}`);
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const id of reportable().filter((x) => x !== 'invalid-config')) assert.ok(readme.includes(`](docs/rules/${id}.md)`), `README does not link docs/rules/${id}.md`);
  });
});

describe('ruleHelpUri', () => {
  it('points at this project\'s pages by default', () => {
    assert.equal(DEFAULT_DOCS_BASE_URL, 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/');
    assert.equal(ruleHelpUri('shadow-mcp'), 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/shadow-mcp.md');
    assert.equal(ruleHelpUri('hardcoded-secret', DEFAULT_DOCS_BASE_URL), `${DEFAULT_DOCS_BASE_URL}hardcoded-secret.md`);
  });

  it('an organization base: <id>.md appended (slash added), or {id} replaced anywhere', () => {
    assert.equal(ruleHelpUri('pending-mcp', 'https://wiki.acme.example/security/mcp/rules/'), 'https://wiki.acme.example/security/mcp/rules/pending-mcp.md');
    assert.equal(ruleHelpUri('pending-mcp', 'https://wiki.acme.example/mcp'), 'https://wiki.acme.example/mcp/pending-mcp.md');
    assert.equal(ruleHelpUri('docker-risk', 'https://wiki.acme.example/display/SEC/{id}?view=full'), 'https://wiki.acme.example/display/SEC/docker-risk?view=full');
    assert.equal(ruleHelpUri('docker-risk', '  https://docs.acme.example/{id}.html  '), 'https://docs.acme.example/docker-risk.html');
    // plain http to this machine (a docs server running locally) is fine
    assert.equal(ruleHelpUri('tool-changed', 'http://127.0.0.1:8080/rules/'), 'http://127.0.0.1:8080/rules/tool-changed.md');
    assert.equal(ruleHelpUri('tool-changed', 'http://localhost:3000/{id}'), 'http://localhost:3000/tool-changed');
  });

  it('an unusable base never becomes a link: the default pages are used instead', () => {
    for (const bad of ['', 'docs/rules/', 'http://docs.acme.example/rules/', 'file:///etc/', 'javascript:alert(1)//{id}', 'ftp://docs.acme.example/', 'https://']) {
      assert.equal(ruleHelpUri('shadow-mcp', bad), `${DEFAULT_DOCS_BASE_URL}shadow-mcp.md`, bad);
    }
  });

  it('says why a base cannot be used', () => {
    assert.equal(docsBaseUrlProblem('https://wiki.acme.example/{id}'), null);
    assert.equal(docsBaseUrlProblem('http://[::1]:9000/rules/'), null);
    assert.match(docsBaseUrlProblem('http://docs.acme.example/rules/')!, /plain http is only allowed to loopback addresses/);
    assert.match(docsBaseUrlProblem('docs/rules/')!, /not a valid URL/);
    assert.match(docsBaseUrlProblem('file:///srv/docs/')!, /unsupported URL scheme file:/);
  });
});

describe('docsBaseUrl in policy', () => {
  it('defaults to the project pages; a managed policy file wins over user settings; an unusable layer value is skipped', () => {
    assert.deepEqual(resolvePolicy([]).docsBaseUrl, { value: DEFAULT_DOCS_BASE_URL, origin: 'default' });
    const managed = { origin: 'policy file /etc/mcp-gatekeeper/policy.json', values: { docsBaseUrl: 'https://wiki.acme.example/mcp/{id}' } };
    const user = { origin: 'user settings', values: { docsBaseUrl: 'https://docs.team.example/rules/' } };
    assert.deepEqual(resolvePolicy([managed, user]).docsBaseUrl, { value: 'https://wiki.acme.example/mcp/{id}', origin: managed.origin });
    assert.deepEqual(resolvePolicy([user]).docsBaseUrl, { value: 'https://docs.team.example/rules/', origin: 'user settings' });
    assert.deepEqual(resolvePolicy([{ origin: 'user settings', values: { docsBaseUrl: 'http://docs.team.example/' } }]).docsBaseUrl, { value: DEFAULT_DOCS_BASE_URL, origin: 'default' });
    assert.deepEqual(resolvePolicy([{ origin: 'user settings', values: { docsBaseUrl: '  ' } }]).docsBaseUrl, { value: DEFAULT_DOCS_BASE_URL, origin: 'default' });
  });

  it('a managed policy file with an unusable docsBaseUrl is refused as a whole', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'ok.json': '{ "docsBaseUrl": "https://wiki.acme.example/mcp/rules/" }',
      'http.json': '{ "docsBaseUrl": "http://wiki.acme.example/mcp/rules/" }',
      'number.json': '{ "docsBaseUrl": 42 }',
    });
    const ok = await readPolicyFile(path.join(dir, 'ok.json'));
    assert.equal(ok.kind === 'ok' && ok.layer.values.docsBaseUrl, 'https://wiki.acme.example/mcp/rules/');
    const http = await readPolicyFile(path.join(dir, 'http.json'));
    assert.equal(http.kind, 'error');
    assert.match(http.kind === 'error' ? http.message : '', /invalid policy: docsBaseUrl: plain http is only allowed to loopback addresses/);
    const num = await readPolicyFile(path.join(dir, 'number.json'));
    assert.match(num.kind === 'error' ? num.message : '', /invalid policy: docsBaseUrl: Invalid input: expected string/);
  });

  it('a workspace cannot set it: the setting is reported like every other policy setting', () => {
    const doc = parseDocument('{\n  "mcpGatekeeper.policy.docsBaseUrl": "https://evil.example/{id}",\n  "mcpGatekeeper": { "policy": { "docsBaseUrl": "https://evil.example/" } }\n}', 'jsonc');
    const found = findPolicyOverrides(doc, false);
    assert.deepEqual(found.map((f) => [f.rule, f.range.start.line]), [['inventory-override-attempt', 1], ['inventory-override-attempt', 2]]);
    assert.match(found[0].message, /"mcpGatekeeper\.policy\.docsBaseUrl", which is organization policy/);
  });

  it('every policy setting is contributed machine-scoped and restricted in untrusted workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    const restricted = new Set<string>(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
    for (const key of POLICY_SETTINGS) {
      assert.equal(props[key]?.scope, 'machine', `${key} must be a machine setting`);
      assert.ok(restricted.has(key), `${key} must be in restrictedConfigurations`);
    }
    // the settings editor validates the URL with the same rule as the policy file's schema and the loader
    assert.equal(props['mcpGatekeeper.policy.docsBaseUrl'] && (props['mcpGatekeeper.policy.docsBaseUrl'] as { pattern?: string }).pattern, DOCS_BASE_URL_PATTERN);
    const pattern = new RegExp(DOCS_BASE_URL_PATTERN);
    for (const ok of ['', 'https://wiki.acme.example/{id}', 'http://localhost:3000/rules/', 'http://127.0.0.1/x']) assert.ok(pattern.test(ok) && (ok === '' || docsBaseUrlProblem(ok) === null), ok);
    for (const bad of ['http://docs.acme.example/', 'ftp://x/', 'docs/rules/']) assert.ok(!pattern.test(bad) && docsBaseUrlProblem(bad) !== null, bad);
  });
});
