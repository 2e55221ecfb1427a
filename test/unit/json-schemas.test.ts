// The published JSON Schemas (schemas/*.schema.json) are generated from the zod schemas the loaders use: they must
// be current, valid draft-07, agree with the loaders on realistic documents, and be wired to the right files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { minimatch } from 'minimatch';
import { caseInsensitivePattern, jsonSchemaFiles, schemaText, SCHEMA_BASE_URL } from '../../src/core/jsonSchemas';
import { validateInventory } from '../../src/core/inventory/load';
import { PolicySchema, managedPolicyPath } from '../../src/core/policy/policy';
import { REPO_ROOT } from '../helpers';

const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'));
const pkg = readJson('package.json');

// strict: an unknown keyword is an error, except the two VS Code reads for hovers and messages
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addVocabulary(['enumDescriptions', 'patternErrorMessage']);
const compiled = new Map<string, ValidateFunction>();
const validator = (file: string): ValidateFunction => {
  if (!compiled.has(file)) compiled.set(file, ajv.compile(readJson(path.join('schemas', file))));
  return compiled.get(file)!;
};
const schemaAccepts = (file: string, doc: unknown) => validator(file)(doc) === true;
const zodAcceptsInventory = (doc: unknown) => validateInventory(doc, 'doc').ok;
const zodAcceptsPolicy = (doc: unknown) => PolicySchema.safeParse(doc).success;

const HEX = 'ab'.repeat(32);
const entry = (extra: Record<string, unknown> = {}) => ({ id: 'x', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: 'x' }] }, ...extra });
const inventory = (servers: unknown[], extra: Record<string, unknown> = {}) => ({ schemaVersion: 1, servers, ...extra });

describe('JSON Schemas', () => {
  it('the committed files are what the zod schemas generate (run `node scripts/schemas.mjs --write`)', () => {
    const files = jsonSchemaFiles();
    assert.deepEqual(files.map((f) => f.file), ['inventory.schema.json', 'policy.schema.json']);
    for (const { file, schema } of files) {
      const committed = fs.readFileSync(path.join(REPO_ROOT, 'schemas', file), 'utf8');
      assert.equal(committed, schemaText(schema), `schemas/${file} is stale: run node scripts/schemas.mjs --write`);
    }
  });

  it('are draft-07 with an $id, a title and descriptions where an author hovers', () => {
    for (const { file, schema } of jsonSchemaFiles()) {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.$id, `${SCHEMA_BASE_URL}${file}`);
      assert.match(String(schema.title), /^MCP Gatekeeper /);
      assert.ok(ajv.validateSchema(schema), ajv.errorsText());
    }
    const inv = readJson('schemas/inventory.schema.json');
    const server = inv.properties.servers.items;
    for (const key of ['id', 'title', 'status', 'match', 'gatewayUrl', 'replacedBy', 'reason', 'owner', 'tools']) assert.ok(server.properties[key].description, `servers[].${key}`);
    assert.deepEqual(server.properties.status.enum, ['approved', 'pending', 'rejected', 'deprecated']);
    assert.equal(server.properties.status.enumDescriptions.length, 4);
    assert.deepEqual(server.properties.match.properties.packages.items.properties.ecosystem.enum, ['npm', 'pypi', 'oci', 'nuget', 'go', 'other']);
    assert.deepEqual(server.required, ['id', 'status'], 'match has a default, so an author may leave it out');
    const policy = readJson('schemas/policy.schema.json');
    assert.deepEqual(policy.properties.enforcement.enum, ['warn', 'error']);
    assert.deepEqual(policy.properties.severities.additionalProperties.enum, ['error', 'warning', 'info']);
  });

  it('the bundled example validates against the JSON Schema and the loader', () => {
    const example = readJson('examples/inventory.json');
    assert.ok(schemaAccepts('inventory.schema.json', example), ajv.errorsText(validator('inventory.schema.json').errors));
    assert.ok(zodAcceptsInventory(example));
    // its $schema is a relative path: editors resolve it next to the file, offline
    assert.equal(path.resolve(REPO_ROOT, 'examples', example.$schema), path.join(REPO_ROOT, 'schemas', 'inventory.schema.json'));
  });

  it('the bundled example is a realistic inventory: every status, with reasons, owners and replacements', () => {
    const example = readJson('examples/inventory.json');
    const servers: Record<string, any>[] = example.servers;
    const byId = new Map(servers.map((s) => [s.id, s]));
    assert.ok(servers.length >= 12 && byId.size === servers.length);
    for (const s of servers) assert.match(s.owner, /^[a-z-]+@acme\.example$/, `${s.id} has an owner`);
    for (const s of servers.filter((x) => x.status !== 'approved')) assert.ok(s.reason, `${s.id} (${s.status}) says why`);
    for (const s of servers.filter((x) => x.status === 'deprecated')) assert.equal(byId.get(s.replacedBy)?.status, 'approved', `${s.id} is replaced by an approved entry`);
    const statuses = new Set(servers.map((s) => s.status));
    assert.deepEqual([...statuses].sort(), ['approved', 'deprecated', 'pending', 'rejected']);
    const kinds = servers.flatMap((s) => Object.keys(s.match));
    for (const kind of ['packages', 'urls', 'commands']) assert.ok(kinds.includes(kind), `some entry matches by ${kind}`);
    const ecosystems = new Set(servers.flatMap((s) => (s.match.packages ?? []).map((p: { ecosystem: string }) => p.ecosystem)));
    for (const e of ['npm', 'pypi', 'oci']) assert.ok(ecosystems.has(e), e);
    assert.ok(servers.some((s) => s.match.packages?.some((p: { versions?: string }) => p.versions)), 'version ranges');
    assert.ok(example.gateway.requestUrl && example.gateway.url);
    assert.ok(example.gateway.stdioBridge.args.includes('{url}'));
    for (const id of ['github', 'filesystem', 'fetch', 'playwright', 'slack', 'postgres', 'sentry', 'atlassian', 'notion', 'linear', 'context7', 'puppeteer']) assert.ok(byId.has(id), id);
  });

  it('agrees with the inventory loader on what is valid', () => {
    const accepted = [
      inventory([entry()]),
      inventory([{ id: 'remote', status: 'pending', match: { urls: ['https://mcp.example.com/**'] } }], { $schema: './inventory.schema.json' }),
      inventory([{ id: 'bare', status: 'rejected' }]), // match defaults to {}
      inventory([entry({ gatewayUrl: 'HTTPS://GW.example.com/x', owner: 'sec@example.com', ticket: 'SEC-12' })], { custom: true }),
      inventory([entry({ match: { packages: [{ ecosystem: 'oci', name: 'ghcr.io/a/b', digest: `SHA256:${HEX.toUpperCase()}` }] } })]),
      inventory([entry({ tools: [{ name: 'read', sha256: HEX.toUpperCase() }] })]),
      inventory([entry()], { gateway: { url: 'https://gw.example.com/', requestUrl: 'MAILTO:mcp@example.com', requestMode: 'post', stdioBridge: { command: 'npx', args: ['-y', 'mcp-remote', '{url}'] } } }),
    ];
    for (const doc of accepted) {
      assert.ok(zodAcceptsInventory(doc), `loader accepts ${JSON.stringify(doc)}`);
      assert.ok(schemaAccepts('inventory.schema.json', doc), `schema accepts ${JSON.stringify(doc)}: ${ajv.errorsText(validator('inventory.schema.json').errors)}`);
    }
    const rejected = [
      { schemaVersion: 2, servers: [] },
      inventory([{ status: 'approved' }]),
      inventory([entry({ id: '' })]),
      inventory([entry({ status: 'allowed' })]),
      inventory([entry({ match: { packages: [{ ecosystem: 'cargo', name: 'x' }] } })]),
      inventory([entry({ match: { packages: [{ ecosystem: 'oci', name: 'x', digest: 'sha256:abc' }] } })]),
      inventory([entry({ match: { urls: [''] } })]),
      inventory([entry({ gatewayUrl: 'mcp.acme.example/gw' })]),
      inventory([entry({ tools: [{ name: 'read', sha256: 'abc' }] })]),
      inventory([entry()], { gateway: { requestUrl: 'ftp://example.com/' } }),
      inventory([entry()], { gateway: { requestMode: 'email' } }),
      inventory([entry()], { gateway: { stdioBridge: { command: 'npx' } } }),
      inventory([entry({ title: 42 })]),
    ];
    for (const doc of rejected) {
      assert.equal(zodAcceptsInventory(doc), false, `loader rejects ${JSON.stringify(doc)}`);
      assert.equal(schemaAccepts('inventory.schema.json', doc), false, `schema rejects ${JSON.stringify(doc)}`);
    }
    // what only the loader can check (it needs the whole inventory or a version parser); the editor shows the
    // shape, `mcp-gatekeeper inventory validate` the rest
    for (const doc of [inventory([entry(), entry()]), inventory([entry({ status: 'deprecated', replacedBy: 'nope' })]), inventory([entry({ match: { packages: [{ ecosystem: 'npm', name: 'x', versions: '>>1' }] } })])]) {
      assert.equal(zodAcceptsInventory(doc), false);
      assert.ok(schemaAccepts('inventory.schema.json', doc));
    }
  });

  it('agrees with the policy loader on what is valid', () => {
    const readmePolicy = {
      inventory: { source: 'https://mcp.acme.example/inventory.json', refreshMinutes: 60, staleAfterDays: 7, tokenEnv: 'MCPG_INVENTORY_TOKEN', caFile: '/etc/ssl/acme-root.pem' },
      trustedKeys: ['787a5Cp0Ls6Z+ycmT4e1wt+nzK755Ekvuk9CAj9KcKE='],
      requireGateway: true,
      enforcement: 'error',
      severities: { 'shadow-mcp': 'error' },
    };
    for (const doc of [readmePolicy, {}, { $schema: './policy.schema.json', inventory: { source: 'builtin' } }]) {
      assert.ok(zodAcceptsPolicy(doc));
      assert.ok(schemaAccepts('policy.schema.json', doc), ajv.errorsText(validator('policy.schema.json').errors));
    }
    const bad = [{ enforcement: 'strict' }, { requireGateway: 'yes' }, { inventory: { refreshMinutes: 0 } }, { inventory: { staleAfterDays: 0 } }, { inventory: { tokenEnv: 'MY-TOKEN' } }, { severities: { 'shadow-mcp': 'fatal' } }, { trustedKeys: 'abc' }];
    for (const doc of bad) {
      assert.equal(zodAcceptsPolicy(doc), false, JSON.stringify(doc));
      assert.equal(schemaAccepts('policy.schema.json', doc), false, JSON.stringify(doc));
    }
  });

  it('case-insensitive patterns keep their meaning without the flag', () => {
    const same = (source: string, samples: string[]) => {
      const folded = new RegExp(caseInsensitivePattern(source), 'u'); // VS Code compiles schema patterns with the u flag
      for (const s of samples) assert.equal(folded.test(s), new RegExp(source, 'i').test(s), `/${source}/i on ${JSON.stringify(s)}`);
    };
    same('^https?:\\/\\/[^\\s/]+', ['https://a', 'HTTP://A', 'HtTpS://x/y', 'ftp://a', 'https:// a', 'https:///']);
    same('^sha256:[0-9a-f]{64}$', [`sha256:${HEX}`, `SHA256:${HEX.toUpperCase()}`, `sha256:${HEX}g`, `sha256:${'g'.repeat(64)}`]);
    same('^(https?:\\/\\/[^\\s@]+|mailto:[^\\s@]+@[^\\s@]+)', ['MAILTO:a@b', 'mailto:a', 'Https://x']);
    same('[^a-c]x', ['dx', 'DX', 'ax', 'AX', 'Cx']);
    assert.equal(caseInsensitivePattern('^[0-9a-f]{64}$'), '^[0-9a-fA-F]{64}$');
    assert.equal(caseInsensitivePattern('\\d\\s\\/'), '\\d\\s\\/', 'escapes are not letters');
    assert.throws(() => caseInsensitivePattern('\\p{L}'), /cannot fold/);
    assert.throws(() => caseInsensitivePattern('(?<name>a)'), /cannot fold/);
  });

  it('package.json associates the schemas with inventory and managed policy files', () => {
    const rules: { fileMatch: string[]; url: string }[] = pkg.contributes.jsonValidation;
    const schemaFor = (uriPath: string) =>
      // VS Code turns each fileMatch into the glob `**/<pattern>` over the document URI
      rules.filter((r) => r.fileMatch.some((m) => minimatch(uriPath, `**/${m.replace(/^\//, '')}`, { dot: true }))).map((r) => r.url);
    for (const r of rules) assert.ok(fs.existsSync(path.join(REPO_ROOT, r.url)), `${r.url} exists`);
    assert.deepEqual(schemaFor('/home/ana/acme/acme.mcp-inventory.json'), ['./schemas/inventory.schema.json']);
    assert.deepEqual(schemaFor('/c:/Users/ana/inventories/prod.mcp-inventory.jsonc'), ['./schemas/inventory.schema.json']);
    assert.deepEqual(schemaFor('/home/ana/acme/inventory.json'), [], 'an arbitrary inventory.json is left alone');
    assert.deepEqual(schemaFor('/home/ana/repo/.vscode/mcp.json'), []);
    const managed = (['linux', 'darwin', 'win32'] as const).map((platform) =>
      managedPolicyPath({ platform, env: {}, home: '/home/ana', workspaces: [] }),
    );
    for (const file of managed) {
      const uriPath = file.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '/$1:');
      assert.deepEqual(schemaFor(uriPath), ['./schemas/policy.schema.json'], file);
    }
    assert.deepEqual(schemaFor('/srv/rollout/acme.mcp-policy.json'), ['./schemas/policy.schema.json']);
  });
});
