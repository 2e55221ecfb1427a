// Localization end to end: the host's display language picks the manifest (package.nls.<lang>.json) and the
// runtime bundle (l10n/bundle.l10n.<lang>.json). run-all.mjs runs this file once more in a German workbench
// (MCPG_EXPECT_LANGUAGE=de); in the normal run the same assertions expect English.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/core/request/formState';
import type { RequestPanel } from '../../src/extension/request/requestPanel';
import { activateExtension, EXTENSION_ID, fileUri, hoverText, ours, ruleOf, waitFor, waitForAsync } from './util';

const EXPECTED: Record<string, { scanNow: string; view: string; shadow: RegExp; form: { section: string; label: string; send: string } }> = {
  en: { scanNow: 'Scan Now', view: 'MCP Servers', shadow: /shadow MCP server \(not in the inventory\)/, form: { section: 'About you', label: 'Business justification', send: 'Send request' } },
  de: { scanNow: 'Jetzt prüfen', view: 'MCP-Server', shadow: /Schatten-MCP-Server \(nicht im Inventar\)/, form: { section: 'Über Sie', label: 'Geschäftliche Begründung', send: 'Anfrage senden' } },
};

describe('localization', () => {
  const language = process.env.MCPG_EXPECT_LANGUAGE ?? 'en';
  const expected = EXPECTED[language];

  it(`shows the manifest and the extension's own texts in the display language (${language})`, async () => {
    assert.ok(expected, `no expectations for ${language}`);
    assert.equal(vscode.env.language, language);
    await activateExtension();

    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const scanNow = manifest.contributes.commands.find((c: { command: string }) => c.command === 'mcpGatekeeper.scanNow');
    // a translated title comes as {value, original} (the palette also matches the English words)
    assert.equal(typeof scanNow.title === 'string' ? scanNow.title : scanNow.title.value, expected.scanNow);
    assert.equal(manifest.contributes.views.mcpGatekeeper[0].name, expected.view);

    // the hover on a shadow server's key is rendered by the extension at run time (vscode.l10n.t); earlier suites
    // edit this file, so poll until the hover describes the shadow server the diagnostics point at
    const uri = fileUri('.vscode/mcp.json');
    const isShadow = (d: vscode.Diagnostic) => ruleOf(d) === 'shadow-mcp';
    const shadowHover = async () => hoverText(uri, (await waitFor(() => ours(uri), (d) => d.some(isShadow), 'a shadow server')).find(isShadow)!.range.start.translate(0, 2));
    await waitForAsync(shadowHover, (text) => expected.shadow.test(text), `the hover of the shadow server to say ${expected.shadow}`);
  });

  it(`shows the request form in the display language (${language})`, async () => {
    const panel = await vscode.commands.executeCommand<RequestPanel | undefined>('mcpGatekeeper.requestApproval', { newServer: true });
    assert.ok(panel, 'no form opened');
    try {
      const init = await waitFor(() => panel.posted.find((m) => m.type === 'init'), (m) => !!m, 'the form to load', 30_000);
      const state = (init as Extract<HostMessage, { type: 'init' }>).state;
      assert.equal(state.sections[0].title, expected.form.section);
      assert.ok(state.sections.some((s) => s.fields.some((f) => f.label === expected.form.label)), `no field "${expected.form.label}"`);
      assert.equal(state.strings?.['Send request'], expected.form.send);
    } finally {
      panel.dispose();
    }
  });
});
