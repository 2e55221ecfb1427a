// `inventory validate`: every problem with its line and column, on a realistic broken inventory and on clean ones.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblems, validateInventoryText, rangeOf } from '../../src/core/admin/validate';
import { FIXTURES, REPO_ROOT } from '../helpers';

const read = (p: string) => fs.readFileSync(p, 'utf8');

describe('admin validate', () => {
  it('accepts the bundled example and the admin fixture without a problem', () => {
    for (const file of [path.join(REPO_ROOT, 'examples', 'inventory.json'), path.join(FIXTURES, 'admin', 'inventory.json')]) {
      const r = validateInventoryText(read(file), file);
      assert.deepEqual(r.problems, [], formatProblems(r));
      assert.equal(r.format, 'v1');
    }
  });

  it('reports every problem of a broken inventory with its line and column', () => {
    const r = validateInventoryText(read(path.join(FIXTURES, 'admin', 'invalid-inventory.jsonc')), 'bad.json');
    const at = (code: string, fragment: string) => r.problems.find((p) => p.code === code && p.message.includes(fragment));
    const expect = (code: string, fragment: string, line: number, column: number, severity = 'error') => {
      const p = at(code, fragment);
      assert.ok(p, `${code} "${fragment}" not reported:\n${formatProblems(r)}`);
      assert.deepEqual([p.line, p.column, p.severity], [line, column, severity], `${code} "${fragment}"`);
    };
    // the approved >=1.0.0 and the rejected <2.0.0 of the same package overlap
    expect('conflict', 'server-filesystem <2.0.0 (overlaps >=1.0.0)', 9, 31);
    expect('duplicate-id', 'duplicate id "fs"', 10, 13);
    expect('schema', 'status: Invalid option', 11, 32);
    expect('url-never-matches', '"mcp.example.com/x"', 11, 63);
    expect('url-never-matches', 'https:///nohost', 11, 84);
    expect('url-never-matches', 'whitespace', 11, 103);
    expect('url-never-matches', 'port 99999', 11, 128);
    expect('invalid-range', 'not a valid PEP 440', 12, 126);
    expect('invalid-range', 'admits no version', 13, 115);
    expect('replaced-by', 'unknown id "nope"', 14, 58);
    expect('replaced-by', 'cycle: loop1 -> loop2 -> loop1', 15, 60);
    expect('conflict', 'URL https://mcp.sentry.dev/*', 17, 71);
    expect('gateway-url', 'not under gateway.url', 18, 59, 'warning');
    expect('matches-nothing', '"gwonly"', 18, 103, 'warning');
    assert.equal(r.errors, r.problems.filter((p) => p.severity === 'error').length);
    assert.ok(r.errors >= 13);
    // compiler-style lines: file:line:column: severity[code]: message
    assert.match(formatProblems(r), /^bad\.json:9:31: error\[conflict\]: /m);
    assert.match(formatProblems(r), /bad\.json: \d+ error\(s\), 3 warning\(s\) in 11 entries\.\n$/);
  });

  it('a syntax error is located', () => {
    const r = validateInventoryText('{\n  "schemaVersion": 1,\n  "servers": [\n    { "id": "a" "status": "approved" }\n  ]\n}\n', 'x.json');
    assert.equal(r.problems.length, 1);
    assert.deepEqual([r.problems[0].code, r.problems[0].line, r.problems[0].column], ['syntax', 4, 17]);
  });

  it('overlaps need different statuses and intersecting ranges; pending vs approved is a warning', () => {
    const doc = (servers: unknown[]) => JSON.stringify({ schemaVersion: 1, servers }, null, 2);
    const pkg = (id: string, status: string, versions?: string, ecosystem = 'npm', name = 'p') => ({ id, status, match: { packages: [{ ecosystem, name, ...(versions ? { versions } : {}) }] } });
    assert.equal(validateInventoryText(doc([pkg('a', 'approved', '>=2.0.0'), pkg('b', 'rejected', '<2.0.0')]), 'x').problems.length, 0);
    assert.equal(validateInventoryText(doc([pkg('a', 'approved', '1.x'), pkg('b', 'approved', '1.2.x')]), 'x').problems.length, 0);
    const warn = validateInventoryText(doc([pkg('a', 'approved', '1.x'), pkg('b', 'pending', '1.2.x')]), 'x');
    assert.deepEqual(warn.problems.map((p) => [p.code, p.severity]), [['conflict', 'warning']]);
    // PyPI names normalize and PEP 440 specifiers are compared as ranges
    const py = validateInventoryText(doc([pkg('a', 'approved', '>=1.2,<2', 'pypi', 'Foo_Bar'), pkg('b', 'rejected', '~=1.4', 'pypi', 'foo-bar')]), 'x');
    assert.deepEqual(py.problems.map((p) => [p.code, p.severity]), [['conflict', 'error']]);
    assert.equal(rangeOf('pypi', '~=1.4'), '>=1.4.0 <2.0.0');
    assert.equal(rangeOf('pypi', '==1.4.*'), '1.4.x');
  });

  it('checks a registry document after converting it, without positions', () => {
    const registry = { servers: [{ server: { name: 'io.github.x/y', description: 'd', version: '1.0.0', remotes: [{ type: 'streamable-http', url: 'https://x.example/mcp' }] } }] };
    const r = validateInventoryText(JSON.stringify(registry), 'reg.json');
    assert.equal(r.format, 'registry');
    assert.equal(r.entries, 1);
    assert.deepEqual(r.problems, []);
  });
});
