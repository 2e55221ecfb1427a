// The approval request flow in a real extension host: the form opened by the command for a server of the test
// workspace, driven through the panel's message entry point (exactly what the webview's script calls), sending to a
// request server on loopback started here. Secrets written into the config must never reach the form or the server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestPanel } from '../../src/extension/request/requestPanel';
import type { FormStatus, HostMessage } from '../../src/core/request/formState';
import { activateExtension, fileUri, ours, waitFor, workspaceRoot } from './util';

const COMMAND = 'mcpGatekeeper.requestApproval';
// realistic-looking, not real
const GH_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const PPLX_KEY = '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';
const SECRETS = [GH_TOKEN, PPLX_KEY];

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  text: string;
  body: Record<string, any>;
}

function lastStatus(panel: RequestPanel): FormStatus | null | undefined {
  const m = [...panel.posted].reverse().find((x): x is Extract<HostMessage, { type: 'status' }> => x.type === 'status');
  return m?.status;
}

function lastErrors(panel: RequestPanel): Extract<HostMessage, { type: 'errors' }> | undefined {
  return [...panel.posted].reverse().find((x): x is Extract<HostMessage, { type: 'errors' }> => x.type === 'errors');
}

/** Resolves once the form's script has loaded and asked for its state (closing a form before that races the workbench). */
function loaded(panel: RequestPanel): Promise<unknown> {
  return waitFor(() => panel.posted.some((m) => m.type === 'init'), (ok) => ok, 'the webview to load and ask for its state', 30_000);
}

function assertNoSecret(text: string, what: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${what} contains the secret ${s.slice(0, 6)}…`);
  assert.ok(!text.includes(PPLX_KEY.slice(5, 25)) && !text.includes(GH_TOKEN.slice(4, 24)), `${what} contains part of a secret`);
}

describe('request approval flow (form, drafts, sending)', () => {
  let api: Awaited<ReturnType<typeof activateExtension>>;
  let server: http.Server;
  let origin: string;
  const received: Received[] = [];
  const replies: { status: number; body: unknown }[] = [];
  const mcpFile = path.join(workspaceRoot(), '.vscode', 'mcp.json');
  let original: string;
  const panels: RequestPanel[] = [];
  const config = () => vscode.workspace.getConfiguration('mcpGatekeeper');

  const open = async (arg: unknown): Promise<RequestPanel> => {
    const panel = await vscode.commands.executeCommand<RequestPanel | undefined>(COMMAND, arg);
    assert.ok(panel, `the command opened no form for ${JSON.stringify(arg)}`);
    panels.push(panel);
    return panel;
  };

  before(async function () {
    this.timeout(60_000);
    api = await activateExtension();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, any> = {};
        try {
          body = JSON.parse(text) as Record<string, any>;
        } catch {
          /* recorded as text */
        }
        received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], text, body });
        const reply = replies.shift() ?? { status: 500, body: { message: 'no reply queued by the test' } };
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-request-'));
    const inventory = path.join(dir, 'inventory.json');
    fs.writeFileSync(
      inventory,
      JSON.stringify({
        schemaVersion: 1,
        organization: 'Contoso',
        gateway: { requestUrl: `${origin}/requests`, requestMode: 'post', requestForm: { required: ['justification', 'dataClassification', 'team'] } },
        servers: [],
      }),
    );
    // the perplexity server of the test workspace, now with a key in its arguments and tokens in its environment
    original = fs.readFileSync(mcpFile, 'utf8');
    const withSecrets = original.replace(
      '"args": ["-y", "server-perplexity-ask@0.1.3"]',
      `"args": ["-y", "server-perplexity-ask@0.1.3", "--api-key", "${PPLX_KEY}"],\n      "env": { "PERPLEXITY_API_KEY": "${PPLX_KEY}", "GITHUB_TOKEN": "${GH_TOKEN}" }`,
    );
    assert.notEqual(withSecrets, original, 'the fixture no longer has the perplexity entry this test expects');
    fs.writeFileSync(mcpFile, withSecrets);
    // an earlier suite may have left the file open: its editor must show what was written (an open document wins
    // over the disk for the checks and the form)
    const shown = () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === mcpFile)?.getText() ?? withSecrets;
    await waitFor(shown, (text) => text === withSecrets, 'the open editor of .vscode/mcp.json to show the file as written');
    await config().update('inventory.path', inventory, vscode.ConfigurationTarget.Global);
    await api.scanNow();
    await waitFor(() => ours(fileUri('.vscode/mcp.json')), (d) => d.some((x) => /Contoso/.test(x.message)), 'diagnostics against the Contoso inventory');
  });

  after(async function () {
    this.timeout(60_000);
    for (const p of panels) p.dispose();
    try {
      fs.writeFileSync(mcpFile, original);
    } finally {
      await config().update('inventory.path', undefined, vscode.ConfigurationTarget.Global);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await api.scanNow();
    await waitFor(() => ours(fileUri('.vscode/mcp.json')), (d) => d.length === 2 && d.every((x) => /Acme/.test(x.message)), 'the bundled inventory and the original file back');
  });

  let panel: RequestPanel;

  it('opens a prefilled form for a detected server, with a strict CSP and no secret in it', async () => {
    panel = await open({ file: mcpFile, name: 'perplexity' });
    const state = panel.state;
    assert.equal(state.isNew, false);
    assert.equal(state.server.name, 'perplexity');
    assert.deepEqual(state.server.package, { ecosystem: 'npm', name: 'server-perplexity-ask', version: '0.1.3' });
    assert.equal(state.server.command, 'npx');
    assert.deepEqual(state.server.args, ['-y', 'server-perplexity-ask@0.1.3', '--api-key', '[redacted]']);
    assert.deepEqual(state.server.envNames, ['PERPLEXITY_API_KEY', 'GITHUB_TOKEN']);
    assert.equal(state.server.foundIn?.client, 'vscode');
    assert.equal(state.server.foundIn?.scope, 'workspace');
    assert.equal(state.status, 'not in the inventory (shadow MCP)');
    assert.equal(state.organization, 'Contoso');
    assert.deepEqual(state.channel, { kind: 'post', target: `${origin}/requests` });
    const required = state.sections.flatMap((s) => s.fields).filter((f) => f.required).map((f) => f.key);
    assert.deepEqual(required.sort(), ['dataClassification', 'justification', 'team']);
    assertNoSecret(JSON.stringify(state), 'the form state');

    const html = panel.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; style-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]{16,}'; img-src [^;]+; form-action 'none'; base-uri 'none'$/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`) && /src="[^"]*\/media\/request\/request\.js"/.test(scripts[0]), scripts[0]);
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i, 'no inline styles or handlers');
    // the codicons come inline with the page (a sprite of plain paths), not as a font or stylesheet
    assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="codicons" aria-hidden="true" hidden>\n<symbol id="codicon-account" viewBox="0 0 16 16">/);
    assertNoSecret(html, 'the page');

    // the form's script ran under that policy: it asked for its state, which only ever arrives by message
    await loaded(panel);
    assertNoSecret(JSON.stringify(panel.posted), 'the messages to the form');

    // a second call for the same server brings the same form back
    const again = await vscode.commands.executeCommand<RequestPanel>(COMMAND, { file: mcpFile, name: 'perplexity' });
    assert.equal(again, panel);
  });

  it('ignores invalid messages and shows validation errors next to the fields, sending nothing', async () => {
    const before = panel.posted.length;
    await panel.receive({ type: 'openExternal', url: 'https://evil.example/' });
    await panel.receive({ type: 'submit', answers: { justification: 'x' }, requestUrl: 'https://evil.example/' });
    await panel.receive({ type: 'submit', answers: { notAField: 'x' } });
    assert.equal(panel.posted.length, before, 'invalid messages changed nothing');

    await panel.receive({ type: 'submit', answers: { requester: 'Dana Reviewer', email: 'dana at contoso' } });
    const errors = lastErrors(panel);
    assert.ok(errors?.focus, 'the form is told to focus the first invalid field');
    assert.deepEqual(errors.errors.map((e) => e.key).sort(), ['dataClassification', 'email', 'justification', 'team']);
    assert.match(errors.errors.find((e) => e.key === 'team')!.message, /Team is required/);
    assert.equal(received.length, 0);
  });

  it('sends the answers without any secret and shows and records the request number', async () => {
    replies.push({ status: 201, body: { id: 'REQ-42', status: 'received' } });
    const answers = {
      requester: 'Dana Reviewer',
      email: 'dana@contoso.example',
      team: 'Platform',
      description: 'Web answers with citations for research questions.',
      dataClassification: 'internal',
      writeAccess: 'read-only',
      justification: `Research for the docs team. It needs the key ${GH_TOKEN} to run.`,
      urgency: 'normal',
    };
    await panel.receive({ type: 'change', answers });
    await panel.receive({ type: 'submit', answers });
    assert.deepEqual(lastErrors(panel)?.errors, []);
    assert.equal(received.length, 1);
    const got = received[0];
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/requests');
    assert.match(got.contentType ?? '', /^application\/json/);
    assertNoSecret(got.text, 'the request sent');
    assert.equal(got.body.kind, 'mcp-approval-request');
    assert.equal(got.body.schemaVersion, 1);
    assert.equal(got.body.organization, 'Contoso');
    assert.equal(got.body.server.name, 'perplexity');
    assert.deepEqual(got.body.server.package, { ecosystem: 'npm', name: 'server-perplexity-ask', version: '0.1.3' });
    assert.deepEqual(got.body.server.args, ['-y', 'server-perplexity-ask@0.1.3', '--api-key', '[redacted]']);
    assert.deepEqual(got.body.server.envNames, ['PERPLEXITY_API_KEY', 'GITHUB_TOKEN']);
    assert.equal(got.body.answers.team, 'Platform');
    assert.equal(got.body.answers.dataClassification, 'internal');
    assert.equal(got.body.answers.justification, 'Research for the docs team. It needs the key [redacted] to run.');

    const status = lastStatus(panel);
    assert.equal(status?.kind, 'success');
    assert.equal(status?.done, true);
    assert.equal(status?.text, `Request #REQ-42 sent to ${origin}/requests.`);
    assert.deepEqual(panel.state.previous && { id: panel.state.previous.id, channel: panel.state.previous.channel }, { id: 'REQ-42', channel: 'post' });
    // the server's diagnostic now says so, at info severity, until the inventory changes its status
    const noted = await waitFor(
      () => ours(fileUri('.vscode/mcp.json')).find((d) => /"perplexity" is a shadow MCP server/.test(d.message)),
      (d) => d !== undefined && /Approval requested \(#REQ-42, \d{4}-\d{2}-\d{2}\)\./.test(d.message),
      'the approval-requested note on the diagnostic',
    );
    assert.equal(noted?.severity, vscode.DiagnosticSeverity.Information);
  });

  it('retries once after a 500 and reports the id of the second answer', async () => {
    received.length = 0;
    replies.push({ status: 500, body: { message: 'database busy' } }, { status: 200, body: { requestId: 7 } });
    await panel.receive({ type: 'submit', answers: { team: 'Platform', dataClassification: 'internal', justification: 'Research.' } });
    assert.equal(received.length, 2);
    assert.equal(received[1].body.kind, 'mcp-approval-request');
    const status = lastStatus(panel);
    assert.equal(status?.kind, 'success');
    assert.equal(status?.text, `Request #7 sent to ${origin}/requests.`);
    assert.equal(panel.state.previous?.id, '7');
  });

  it('a 400 keeps the draft and shows the server\'s message; reopening the form restores the draft', async () => {
    received.length = 0;
    replies.push({ status: 400, body: { message: 'Team "Skunkworks" is not a known team' } });
    const answers = { team: 'Skunkworks', dataClassification: 'confidential', justification: 'Prototype.' };
    await panel.receive({ type: 'change', answers });
    await panel.receive({ type: 'submit', answers });
    assert.equal(received.length, 1, 'a 4xx is not retried');
    const status = lastStatus(panel);
    assert.equal(status?.kind, 'error');
    assert.equal(status?.retry, true);
    assert.match(status?.text ?? '', /HTTP 400: Team "Skunkworks" is not a known team/);
    assert.match(status?.text ?? '', /kept as a draft/);

    panel.dispose();
    const reopened = await open({ file: mcpFile, name: 'perplexity' });
    assert.notEqual(reopened, panel);
    assert.ok(reopened.state.draftSavedAt, 'the form says a draft was restored');
    assert.equal(reopened.state.answers.team, 'Skunkworks');
    assert.equal(reopened.state.answers.dataClassification, 'confidential');
    assert.equal(reopened.state.answers.justification, 'Prototype.');

    await loaded(reopened);
    await reopened.receive({ type: 'discardDraft' });
    assert.equal(reopened.state.draftSavedAt, null);
    assert.equal(reopened.state.answers.team, undefined);
    reopened.dispose();
    const fresh = await open({ file: mcpFile, name: 'perplexity' });
    assert.equal(fresh.state.draftSavedAt, null);
    await loaded(fresh);
    fresh.dispose();
  });

  it('a server not detected yet needs a name, then goes out without a "found in"', async () => {
    received.length = 0;
    const form = await open({ newServer: true });
    assert.equal(form.state.isNew, true);
    await form.receive({ type: 'submit', name: '', answers: { team: 'Platform', dataClassification: 'public', justification: 'Forecasts.' } });
    assert.deepEqual(lastErrors(form)?.errors.map((e) => e.key), ['name']);
    assert.equal(received.length, 0);

    replies.push({ status: 201, body: { id: 'N-1' } });
    await form.receive({ type: 'submit', name: 'weather-forecast', answers: { team: 'Platform', dataClassification: 'public', justification: 'Forecasts.' } });
    assert.equal(received.length, 1);
    assert.equal(received[0].body.server.name, 'weather-forecast');
    assert.equal(received[0].body.server.foundIn, null);
    assert.equal(lastStatus(form)?.text, `Request #N-1 sent to ${origin}/requests.`);
    await loaded(form);
    form.dispose();
  });

  it('without an argument, asks which server (the picker can be dismissed)', async () => {
    const pending = vscode.commands.executeCommand<RequestPanel | undefined>(COMMAND);
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, undefined);
  });
});
