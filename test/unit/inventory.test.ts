import * as assert from 'node:assert/strict';
import { bundledInventory, parseInventory } from '../../src/core/inventory/load';
import { satisfies, isValidSpec, toSemver, floorOf } from '../../src/core/inventory/versions';

const inv = (servers: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ schemaVersion: 1, organization: 'Acme', servers, ...extra });

describe('inventory format v1', () => {
  it('the bundled example is valid and keeps extra fields', () => {
    const loaded = bundledInventory();
    assert.equal(loaded.inventory.organization, 'Acme');
    assert.ok(loaded.inventory.servers.length >= 12);
    const fs = loaded.inventory.servers.find((s) => s.id === 'filesystem') as Record<string, unknown>;
    assert.equal(fs.owner, 'platform-security@acme.example');
    const statuses = new Set(loaded.inventory.servers.map((s) => s.status));
    assert.deepEqual([...statuses].sort(), ['approved', 'deprecated', 'pending', 'rejected']);
  });

  it('names the bad field and entry', () => {
    const r = parseInventory(inv([{ id: 'ok', status: 'approved' }, { id: 'github', status: 'allowed' }]), 'inv.json');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /^inv\.json: invalid inventory: servers\[1\] \(id "github"\) status: /);
  });

  it('rejects duplicate ids and broken replacedBy', () => {
    const dup = parseInventory(inv([{ id: 'a', status: 'approved' }, { id: 'a', status: 'pending' }]), 'x');
    assert.match(!dup.ok ? dup.error : '', /servers\[1\] \(id "a"\) id: duplicate id "a" \(also servers\[0\]\)/);
    const broken = parseInventory(inv([{ id: 'a', status: 'deprecated', replacedBy: 'nope' }]), 'x');
    assert.match(!broken.ok ? broken.error : '', /replacedBy: refers to unknown id "nope"/);
  });

  it('rejects invalid version ranges per ecosystem', () => {
    const bad = parseInventory(inv([{ id: 'a', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: 'x', versions: '>>1' }] } }]), 'x');
    assert.match(!bad.ok ? bad.error : '', /match\.packages\[0\]\.versions: ">>1" is not a valid semver range/);
    const pep = parseInventory(inv([{ id: 'a', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'x', versions: '>=1.0,<2' }] } }]), 'x');
    assert.equal(pep.ok, true);
  });

  it('rejects a wrong schema version and invalid JSON with a location', () => {
    const v2 = parseInventory(JSON.stringify({ schemaVersion: 2, servers: [] }), 'x');
    assert.match(!v2.ok ? v2.error : '', /schemaVersion/);
    const broken = parseInventory('{"schemaVersion": 1,\n "servers": [}', 'inv.json');
    assert.match(!broken.ok ? broken.error : '', /^inv\.json: invalid JSON: .* at line 2, column \d+/);
  });
});

describe('version specifications', () => {
  it('semver ranges for npm and OCI tags', () => {
    assert.ok(satisfies('npm', '2025.8.21', '>=2025.7.0'));
    assert.ok(!satisfies('npm', '2025.3.28', '>=2025.7.0'));
    assert.ok(satisfies('oci', 'v0.20.1', '>=0.20.0'));
    assert.ok(!satisfies('npm', 'latest', '>=1'));
    assert.ok(!satisfies('npm', null, '*'));
  });

  it('PEP 440 specifiers for PyPI', () => {
    assert.ok(satisfies('pypi', '1.4.2', '>=1.2,<2'));
    assert.ok(!satisfies('pypi', '2.0.0', '>=1.2,<2'));
    assert.ok(satisfies('pypi', '2.2.5', '~=2.2'));
    assert.ok(!satisfies('pypi', '3.0', '~=2.2'));
    assert.ok(satisfies('pypi', '1.4.5', '~=1.4.2'));
    assert.ok(!satisfies('pypi', '1.5.0', '~=1.4.2'));
    assert.ok(satisfies('pypi', '1.4.7', '==1.4.*'));
    assert.ok(!satisfies('pypi', '1.3.0', '!=1.3.0'));
    assert.ok(!isValidSpec('pypi', '^1.2'));
  });

  it('reads versions as written', () => {
    assert.equal(toSemver('v0.20.1'), '0.20.1');
    assert.equal(toSemver('1.4'), '1.4.0');
    assert.equal(toSemver('latest'), null);
    assert.equal(floorOf('npm', '>=2025.7.0'), '2025.7.0');
  });
});
