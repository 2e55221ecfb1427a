// The status bar item and the MCP Servers view follow the config files on disk: a server added to (or removed from) a
// workspace config shows up in both within a second of the write, with nothing clicked and no Scan Now.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TreeSnapshot } from '../../src/extension/view/serversView';
import { activateExtension, workspaceRoot } from './util';

const WITHIN_MS = 1000;

/** Polls `read` every 10 ms until `ok`; resolves with the value and the time it took from `since`, or fails. */
async function within<T>(since: number, read: () => T, ok: (value: T) => boolean, what: string): Promise<{ value: T; ms: number }> {
  // a generous deadline, so a slow run reports how slow it was instead of only that it timed out
  const deadline = since + 10 * WITHIN_MS;
  for (;;) {
    const value = read();
    if (ok(value)) return { value, ms: Date.now() - since };
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${Date.now() - since} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** client → file → server rows, as "Client/file/server: description" lines */
function rows(tree: TreeSnapshot[], prefix = ''): string[] {
  return tree.flatMap((n) => [`${prefix}${n.label}: ${n.description}`, ...rows(n.children, `${prefix}${n.label}/`)]);
}

describe('live status bar and MCP Servers view', () => {
  let api: Awaited<ReturnType<typeof activateExtension>>;
  const file = () => path.join(workspaceRoot(), '.mcp.json');
  let original: string;

  before(async () => {
    api = await activateExtension();
    original = fs.readFileSync(file(), 'utf8');
  });

  after(() => {
    fs.writeFileSync(file(), original);
  });

  it('the MCP Servers view and the status bar reflect a config change within a second', async () => {
    await api.scanNow();
    const before = api.ui();
    const shadowCount = (text: string) => Number(/(\d+) shadow/.exec(text)?.[1] ?? 0);
    assert.match(before.statusBar, /^\$\(shield\) MCP: /, 'the fixture workspace has servers that are not approved');
    assert.ok(rows(before.servers).some((r) => /^Claude Code\/\.mcp\.json\/sentry: approved/.test(r)), rows(before.servers).join('\n'));

    // a shadow server appears in the workspace's .mcp.json
    const config = JSON.parse(original) as { mcpServers: Record<string, unknown> };
    config.mcpServers['weather'] = { command: 'uvx', args: ['mcp-server-weather==1.2.0'] };
    const added = Date.now();
    fs.writeFileSync(file(), JSON.stringify(config, null, 2));
    const bar = await within(added, () => api.ui().statusBar, (t) => shadowCount(t) === shadowCount(before.statusBar) + 1, 'the status bar counting the new shadow server');
    const view = await within(added, () => api.ui(), (ui) => rows(ui.servers).some((r) => r.startsWith('Claude Code/.mcp.json/weather: ')), 'the view listing the new server');
    console.log(`      added: status bar after ${bar.ms} ms, view after ${view.ms} ms`);
    assert.ok(bar.ms < WITHIN_MS, `status bar updated after ${bar.ms} ms`);
    assert.ok(view.ms < WITHIN_MS, `view updated after ${view.ms} ms`);
    const weather = view.value.servers.find((c) => c.label === 'Claude Code')!.children.find((f) => f.label === '.mcp.json')!.children.find((s) => s.label === 'weather')!;
    assert.equal(weather.description, 'shadow · mcp-server-weather@1.2.0');
    assert.equal(weather.icon, 'shield');
    assert.equal(view.value.badge, before.badge + 1);

    // and goes again: everything is back to what it was
    const removed = Date.now();
    fs.writeFileSync(file(), original);
    const back = await within(removed, () => api.ui(), (ui) => JSON.stringify(ui) === JSON.stringify(before), 'the status bar and the view to be back to the start');
    console.log(`      removed: status bar and view back after ${back.ms} ms`);
    assert.ok(back.ms < WITHIN_MS, `back after ${back.ms} ms`);
  });
});
