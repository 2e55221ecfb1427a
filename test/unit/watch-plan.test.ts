import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { watchPlan } from '../../src/core/watchPlan';

describe('watch plan', () => {
  const existing = new Set(['/home/u', '/home/u/.cursor', '/home/u/proj', '/home/u/proj/.vscode', '/home', '/']);
  const isDir = async (p: string) => existing.has(p);

  it('watches existing folders for the file name, each folder from its parent, and missing folders through their nearest existing parent', async () => {
    const plan = await watchPlan(
      ['/home/u/.cursor/mcp.json', '/home/u/proj/.vscode/mcp.json', '/home/u/proj/.vscode/settings.json', '/home/u/proj/.roo/mcp.json', '/home/u/.codeium/windsurf/mcp_config.json', '/home/u/proj/.mcp.json'],
      isDir,
    );
    assert.deepEqual(plan, [
      { dir: '/home/u/.cursor', names: ['mcp.json'], leadsToMissingFolder: false },
      { dir: '/home/u', names: ['.codeium', '.cursor', 'proj'], leadsToMissingFolder: true },
      { dir: '/home/u/proj/.vscode', names: ['mcp.json', 'settings.json'], leadsToMissingFolder: false },
      { dir: '/home/u/proj', names: ['.mcp.json', '.roo', '.vscode'], leadsToMissingFolder: true },
    ]);
  });

  it('never watches the file-system root', async () => {
    const plan = await watchPlan(['/etc/gemini-cli/settings.json'], async (p) => p === path.parse(p).root);
    assert.deepEqual(plan, []);
  });
});
