import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { lmstudio, lmstudioHomePointerLocations } from '../../src/core/clients/lmstudio';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'lmstudio');
const HOME = path.join(ROOT, 'home');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

describe('LM Studio client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads mcp.json in the current and the older home folder (${platform})`, () => {
      const ctx = { home: HOME, platform, workspaces: ['/w'], env: {} };
      assert.deepEqual(
        lmstudio.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        ['home/.lmstudio/mcp.json user json', 'home/.cache/lm-studio/mcp.json user json'],
      );
      assert.deepEqual(scanRows(lmstudio, ctx), [
        'home/.lmstudio/mcp.json lmstudio/user hf-mcp-server@2:4 http pkg=- url=https://huggingface.co/mcp',
        'home/.lmstudio/mcp.json lmstudio/user playwright@8:4 stdio pkg=npm:@playwright/mcp@latest url=-',
        'home/.cache/lm-studio/mcp.json lmstudio/user fetch@2:4 stdio pkg=pypi:mcp-server-fetch@- url=-',
      ]);
    });
  }

  it('finds a relocated home through ~/.lmstudio-home-pointer', async () => {
    const pointer = (text: string | null) => async (file: string) => {
      assert.equal(path.basename(file), '.lmstudio-home-pointer');
      return text;
    };
    const linux = { home: '/home/me', platform: 'linux' as const, workspaces: [], env: {} };
    assert.deepEqual((await lmstudioHomePointerLocations(linux, pointer('/data/lmstudio\n'))).map((l) => `${l.path} ${l.client} ${l.scope} ${l.format}`), [
      '/data/lmstudio/mcp.json lmstudio user json',
    ]);
    const win = { home: 'C:\\Users\\me', platform: 'win32' as const, workspaces: [], env: {} };
    assert.deepEqual((await lmstudioHomePointerLocations(win, pointer('D:\\LMStudio'))).map((l) => l.path), ['D:\\LMStudio\\mcp.json']);
    assert.deepEqual(await lmstudioHomePointerLocations(linux, pointer(null)), []);
    assert.deepEqual(await lmstudioHomePointerLocations(linux, pointer('relative/dir')), []);
    assert.deepEqual(await lmstudioHomePointerLocations(linux, async () => { throw new Error('EACCES'); }), []);
  });

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/h/.lmstudio/mcp.json', client: 'lmstudio', scope: 'user', format: 'json' };
    const texts = ['', '{ "hf": { "url": "https://huggingface.co/mcp" } }', '{ "mcpServers": { "a": { "headers": [1], "url": "" } } }'];
    const out = texts.flatMap((t) => lmstudio.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.headerNames.length}`));
    assert.deepEqual(out, ['a stdio null null 0']);
  });
});
