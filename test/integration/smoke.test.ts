// Smoke test: the extension loads and activates in a real VS Code extension host, with the fixture
// workspace (test/integration/workspace/, copied to a temp dir by test/host/run-all.mjs) open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mcp-gatekeeper.mcp-gatekeeper';

describe('smoke', () => {
  it(`extension ${EXTENSION_ID} is present and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (engines.vscode too new for this host, or main missing?)`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('a workspace folder is open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    assert.equal(folders[0].uri.scheme, 'file');
  });
});
