// The approval form's pure parts: channel choice, checklist layout, what the form is given (no secrets), validation of
// the form's messages, and the drafts and records kept in global state.
import * as assert from 'node:assert/strict';
import type { Inventory } from '../../src/core/inventory/schema';
import type { CheckedServer } from '../../src/core/model';
import { FIELDS, FIELD_KEYS } from '../../src/core/request/fields';
import {
  channelTarget,
  formSections,
  MAX_ANSWER_CHARS,
  parseWebviewMessage,
  requestChannel,
  SECTIONS,
  verdictLabel,
  viewState,
} from '../../src/core/request/formState';
import { requestedServer } from '../../src/core/request/payload';
import type { RequestRecord } from '../../src/core/request/records';
import { appendRecords, DRAFT_MAX_AGE_DAYS, lastRecordFor, MAX_DRAFTS, MAX_RECORDS, putDraft, readDrafts, readRecords, toStoredDraft } from '../../src/core/request/stored';

// realistic-looking, not real
const GH_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const PPLX_KEY = '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';

function inventory(gateway?: Record<string, unknown>): Inventory {
  return { schemaVersion: 1, organization: 'Contoso', ...(gateway ? { gateway } : {}), servers: [] } as Inventory;
}

const perplexity: CheckedServer = {
  name: 'perplexity',
  client: 'vscode',
  scope: 'workspace',
  file: '/work/app/.vscode/mcp.json',
  range: { start: { line: 7, character: 4 }, end: { line: 7, character: 16 } },
  keyOffset: 120,
  keyLength: 12,
  valueOffset: 134,
  valueLength: 90,
  transport: 'stdio',
  command: 'npx',
  args: ['-y', 'server-perplexity-ask@0.1.3', '--api-key', PPLX_KEY, `--github-token=${GH_TOKEN}`],
  url: null,
  envNames: ['PERPLEXITY_API_KEY', 'GITHUB_TOKEN'],
  headerNames: [],
  package: { ecosystem: 'npm', name: 'server-perplexity-ask', version: '0.1.3' },
  disabled: false,
  verdict: 'unknown',
  inventoryId: null,
  findings: [],
};

describe('request form: channel', () => {
  it('is none without a requestUrl', () => {
    assert.deepEqual(requestChannel(null), { kind: 'none' });
    assert.deepEqual(requestChannel(inventory()), { kind: 'none' });
    assert.deepEqual(requestChannel(inventory({ url: 'https://gw.contoso.example/' })), { kind: 'none' });
  });

  it('posts only when requestMode says post; a bare http(s) URL is a web page', () => {
    assert.deepEqual(requestChannel(inventory({ requestUrl: 'https://it.contoso.example/api/mcp-requests', requestMode: 'post' })), {
      kind: 'post',
      url: 'https://it.contoso.example/api/mcp-requests',
    });
    assert.deepEqual(requestChannel(inventory({ requestUrl: 'https://forms.contoso.example/mcp' })), { kind: 'browser', url: 'https://forms.contoso.example/mcp' });
    assert.deepEqual(requestChannel(inventory({ requestUrl: 'https://forms.contoso.example/mcp', requestMode: 'browser' })).kind, 'browser');
  });

  it('a mailto: address is always an email, whatever requestMode says', () => {
    assert.deepEqual(requestChannel(inventory({ requestUrl: 'mailto:mcp-review@contoso.example', requestMode: 'post' })), { kind: 'mailto', url: 'mailto:mcp-review@contoso.example' });
  });

  it('shows the destination without credentials', () => {
    assert.equal(channelTarget({ kind: 'mailto', url: 'mailto:mcp-review@contoso.example?subject=x' }), 'mcp-review@contoso.example');
    assert.equal(channelTarget({ kind: 'post', url: 'https://bot:hunter2hunter2@it.contoso.example/api?token=abcdef1234567890&team=x' }), 'https://bot:[redacted]@it.contoso.example/api?token=[redacted]&team=x');
    assert.equal(channelTarget({ kind: 'none' }), '');
  });
});

describe('request form: checklist layout', () => {
  it('puts every checklist field in exactly one section, in the checklist order', () => {
    const keys = SECTIONS.flatMap((s) => s.keys);
    assert.deepEqual([...keys].sort(), [...FIELD_KEYS].sort());
    assert.deepEqual(keys, FIELDS.map((f) => f.key));
  });

  it('marks the fields the inventory requires (only the justification by default)', () => {
    const byDefault = formSections(null).flatMap((s) => s.fields);
    assert.deepEqual(byDefault.filter((f) => f.required).map((f) => f.key), ['justification']);
    const org = formSections(inventory({ requestForm: { required: ['team', 'dataClassification', 'justification', 'no-such-field'] } })).flatMap((s) => s.fields);
    assert.deepEqual(org.filter((f) => f.required).map((f) => f.key), ['team', 'dataClassification', 'justification']);
  });

  it('gives closed lists as choices, long answers as multiline, and input types for email and homepage', () => {
    const fields = formSections(null).flatMap((s) => s.fields);
    const get = (k: string) => fields.find((f) => f.key === k)!;
    assert.deepEqual(get('dataClassification').choices?.map((c) => c.value), ['public', 'internal', 'confidential', 'customer-pii']);
    assert.deepEqual(get('urgency').choices?.map((c) => c.value), ['low', 'normal', 'high']);
    assert.equal(get('justification').multiline, true);
    assert.equal(get('team').multiline, false);
    assert.equal(get('email').inputType, 'email');
    assert.equal(get('email').autocomplete, 'email');
    assert.equal(get('homepage').inputType, 'url');
    assert.equal(get('requester').autocomplete, 'name');
    assert.equal(get('description').choices, null);
  });
});

describe('request form: what the form is given', () => {
  it('carries the redacted server block and the answers, never a secret value', () => {
    const state = viewState({
      server: requestedServer(perplexity),
      isNew: false,
      verdict: 'unknown',
      inventory: inventory({ requestUrl: 'https://it.contoso.example/api?key=Zx8Qw2Lp9Rt5Yv3Nm7Kb4Hc6Jd1Fg0Sa', requestMode: 'post' }),
      answers: { requester: 'Dana Reviewer', justification: 'Research' },
      draftSavedAt: '2026-03-01T09:00:00.000Z',
      previous: null,
    });
    const text = JSON.stringify(state);
    for (const secret of [GH_TOKEN, PPLX_KEY, 'Zx8Qw2Lp9Rt5Yv3Nm7Kb4Hc6Jd1Fg0Sa']) assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 6)}…`);
    assert.deepEqual(state.server.args, ['-y', 'server-perplexity-ask@0.1.3', '--api-key', '[redacted]', '--github-token=[redacted]']);
    assert.deepEqual(state.server.envNames, ['PERPLEXITY_API_KEY', 'GITHUB_TOKEN']);
    assert.deepEqual(state.server.foundIn, { client: 'vscode', file: '/work/app/.vscode/mcp.json', scope: 'workspace' });
    assert.equal(state.status, 'not in the inventory (shadow MCP)');
    assert.equal(state.client, 'VS Code');
    assert.equal(state.organization, 'Contoso');
    assert.deepEqual(state.channel, { kind: 'post', target: 'https://it.contoso.example/api?key=[redacted]' });
    assert.equal(state.draftSavedAt, '2026-03-01T09:00:00.000Z');
    assert.deepEqual(state.answers, { requester: 'Dana Reviewer', justification: 'Research' });
  });

  it('a new server has an empty block and no status; an earlier request is summarized', () => {
    const previous: RequestRecord = { key: 'name:weather', name: 'weather', id: '17', submittedAt: '2026-02-02T10:00:00.000Z', verdict: 'unknown', channel: 'post' };
    const state = viewState({ server: requestedServer(null, 'weather'), isNew: true, verdict: null, inventory: null, answers: {}, draftSavedAt: null, previous });
    assert.equal(state.isNew, true);
    assert.equal(state.server.name, 'weather');
    assert.equal(state.server.foundIn, null);
    assert.equal(state.status, '');
    assert.equal(state.client, '');
    assert.deepEqual(state.channel, { kind: 'none', target: '' });
    assert.deepEqual(state.previous, { id: '17', submittedAt: '2026-02-02T10:00:00.000Z', channel: 'post' });
  });

  it('names each verdict the way the form and the picker show it', () => {
    assert.equal(verdictLabel('unknown', null), 'not in the inventory (shadow MCP)');
    assert.equal(verdictLabel('unknown', 'filesystem'), 'this version is not approved');
    assert.equal(verdictLabel('pending', 'x'), 'pending approval');
    assert.equal(verdictLabel('rejected', 'x'), 'rejected');
  });
});

describe('request form: messages from the webview', () => {
  it('accepts the messages the form sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
    const change = parseWebviewMessage({ type: 'change', answers: { team: 'Platform', urgency: 'high', justification: '' } });
    assert.deepEqual(change, { ok: true, message: { type: 'change', answers: { team: 'Platform', urgency: 'high', justification: '' } } });
    const submit = parseWebviewMessage({ type: 'submit', name: 'weather', answers: { justification: 'Line one\nline two' } });
    assert.equal(submit.ok, true);
    for (const type of ['discardDraft', 'close']) assert.equal(parseWebviewMessage({ type }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'copyMarkdown', answers: {} }).ok, true);
  });

  it('refuses anything else: unknown types, unknown fields, extra keys, non-strings, oversized values', () => {
    const refused: unknown[] = [
      null,
      'submit',
      [],
      { type: 'openExternal', url: 'https://evil.example' },
      { type: 'submit' },
      { type: 'submit', answers: { justification: 'x', requestUrl: 'https://evil.example' } },
      { type: 'submit', answers: {}, url: 'https://evil.example' },
      { type: 'change', answers: { team: 42 } },
      { type: 'change', answers: { justification: 'x'.repeat(MAX_ANSWER_CHARS + 1) } },
      { type: 'change', name: 'n'.repeat(201), answers: {} },
      { type: 'ready', extra: true },
      { type: 'change', answers: { constructor: 'y' } },
    ];
    for (const m of refused) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, `accepted ${JSON.stringify(m)?.slice(0, 80)}`);
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });

  it('drops a __proto__ key instead of letting it reach the answers', () => {
    const r = parseWebviewMessage(JSON.parse('{"type":"change","answers":{"__proto__":{"team":"x"}}}'));
    assert.ok(r.ok && r.message.type === 'change');
    if (r.ok && r.message.type === 'change') {
      assert.deepEqual(Object.keys(r.message.answers), []);
      assert.equal(Object.getPrototypeOf(r.message.answers), Object.prototype);
      assert.equal(r.message.answers.team, undefined);
    }
  });
});

describe('request form: drafts', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('keeps what was typed, without token-like strings, and nothing for an empty form', () => {
    const d = toStoredDraft(undefined, { team: 'Platform', justification: `needs my token ${GH_TOKEN} to work`, scopes: '   ', urgency: '' }, now);
    assert.deepEqual(d, { savedAt: '2026-03-10T12:00:00.000Z', answers: { team: 'Platform', justification: 'needs my token [redacted] to work' } });
    assert.deepEqual(toStoredDraft('weather', {}, now), { savedAt: '2026-03-10T12:00:00.000Z', name: 'weather', answers: {} });
    assert.equal(toStoredDraft('  ', { team: '' }, now), null);
  });

  it('reads back only well-formed drafts younger than the limit', () => {
    const fresh = { savedAt: '2026-03-09T08:00:00.000Z', answers: { team: 'Platform' } };
    const raw = {
      'pkg:npm:server-perplexity-ask': fresh,
      old: { savedAt: new Date(now.getTime() - (DRAFT_MAX_AGE_DAYS + 1) * 86_400_000).toISOString(), answers: { team: 'x' } },
      bad: { savedAt: 'yesterday', answers: {} },
      wrongField: { savedAt: '2026-03-09T08:00:00.000Z', answers: { notAField: 'x' } },
      notObject: 'x',
    };
    assert.deepEqual(readDrafts(raw, now), { 'pkg:npm:server-perplexity-ask': fresh });
    assert.deepEqual(readDrafts(undefined, now), {});
    assert.deepEqual(readDrafts([fresh], now), {});
  });

  it('sets and removes one draft and keeps only the newest ones', () => {
    let drafts = {};
    for (let i = 0; i < MAX_DRAFTS + 5; i++) {
      drafts = putDraft(drafts, `k${i}`, { savedAt: new Date(now.getTime() - (MAX_DRAFTS + 5 - i) * 60_000).toISOString(), answers: { team: String(i) } });
    }
    const keys = Object.keys(drafts);
    assert.equal(keys.length, MAX_DRAFTS);
    assert.ok(!keys.includes('k0') && !keys.includes('k4') && keys.includes('k5') && keys.includes(`k${MAX_DRAFTS + 4}`));
    assert.ok(!Object.keys(putDraft(drafts, 'k7', null)).includes('k7'));
  });
});

describe('request form: records', () => {
  const rec = (key: string, id: string | null, at: string): RequestRecord => ({ key, name: key, id, submittedAt: at, verdict: 'unknown', channel: 'post' });

  it('reads back only well-formed records', () => {
    const good = rec('pkg:npm:a', '1', '2026-03-01T00:00:00.000Z');
    assert.deepEqual(readRecords([good, { ...good, channel: 'fax' }, { key: '' }, 'x', { ...good, id: 5 }]), [good]);
    assert.deepEqual(readRecords({}), []);
  });

  it('appends up to the limit and finds the newest record for a server', () => {
    let all: RequestRecord[] = [];
    for (let i = 0; i < MAX_RECORDS + 3; i++) all = appendRecords(all, rec(i % 2 ? 'pkg:npm:a' : 'pkg:npm:b', String(i), `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`));
    assert.equal(all.length, MAX_RECORDS);
    assert.equal(all[0].id, '3');
    assert.equal(lastRecordFor(all, 'pkg:npm:a')?.id, String(MAX_RECORDS + 1));
    assert.equal(lastRecordFor(all, 'pkg:npm:zzz'), null);
  });
});
