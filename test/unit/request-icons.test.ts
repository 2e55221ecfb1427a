// The approval form's codicons: the sprite the extension inlines into the form (media/request/codicons.svg) holds
// exactly the icons the form's script asks for, only as plain paths, with the codicons' licence attribution.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECTIONS } from '../../src/core/request/formState';
import { REDACTED } from '../../src/core/secrets';
import { REPO_ROOT } from '../helpers';

const media = path.join(REPO_ROOT, 'media', 'request');
const sprite = fs.readFileSync(path.join(media, 'codicons.svg'), 'utf8');
const script = fs.readFileSync(path.join(media, 'request.js'), 'utf8');

/** The values of an object literal `const NAME = { key: 'value', ... }` in the form's script. */
function literalMap(name: string): Record<string, string> {
  const body = new RegExp(`const ${name} = \\{([^}]*)\\}`).exec(script)?.[1];
  assert.ok(body !== undefined, `request.js defines ${name}`);
  return Object.fromEntries([...body.matchAll(/([\w$]+): '([a-z-]+)'/g)].map((m) => [m[1], m[2]]));
}

function spriteIcons(): string[] {
  return [...sprite.matchAll(/<symbol id="codicon-([a-z-]+)"/g)].map((m) => m[1]).sort();
}

function usedIcons(): string[] {
  const called = [...script.matchAll(/\b(?:icon|labelled|iconRow)\(\s*'([a-z-]+)'/g)].map((m) => m[1]);
  const mapped = ['SECTION_ICON', 'STATUS_ICON', 'SEND_ICON'].flatMap((n) => Object.values(literalMap(n)));
  return [...new Set([...called, ...mapped])].sort();
}

describe('request form icons', () => {
  it('the sprite has every icon the form uses, and no other', () => {
    const used = usedIcons();
    assert.ok(used.length >= 10, `found the icon names in request.js (${used.join(', ')})`);
    assert.deepEqual(spriteIcons(), used);
  });

  it('every checklist section has an icon', () => {
    const sectionIcons = literalMap('SECTION_ICON');
    assert.deepEqual(Object.keys(sectionIcons).sort(), SECTIONS.map((s) => s.id).sort());
  });

  it('the sprite is plain 16×16 paths: nothing that styles, scripts or loads anything', () => {
    const symbols = [...sprite.matchAll(/<symbol id="codicon-[a-z-]+" viewBox="0 0 16 16">(.*?)<\/symbol>/g)];
    assert.equal(symbols.length, spriteIcons().length, 'every symbol is 16×16');
    for (const [, body] of symbols) assert.match(body, /^(<path( (fill-rule|clip-rule)="evenodd")* d="[-0-9.,A-Za-z ]+"\/>)+$/);
    assert.doesNotMatch(sprite, /<script|<style|style=|\son[a-z]+=|href=|url\(/i);
    assert.match(sprite, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="codicons" aria-hidden="true" hidden>/);
  });

  it('keeps the codicons attribution (CC BY 4.0)', () => {
    assert.match(sprite, /@vscode\/codicons [\d.]+/);
    assert.match(sprite, /Copyright \(c\) Microsoft Corporation/);
    assert.match(sprite, /CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)/);
  });

  it('the form recognises redacted values by the marker the host puts in', () => {
    assert.ok(script.includes(`const REDACTED = '${REDACTED}';`));
  });
});
