#!/usr/bin/env node
// Writes media/request/codicons.svg: the few codicons the approval form uses, as one SVG sprite of <symbol>s that the
// extension inlines into the form's page (an inline sprite needs no font, no stylesheet and no CSP exception, and
// `fill: currentColor` makes every icon follow the theme). The icons come from the @vscode/codicons package
// (CC BY 4.0), which is not a dependency: fetch it when the list changes and point this script at it:
//   npm pack @vscode/codicons@0.0.45 && tar xzf vscode-codicons-0.0.45.tgz
//   node scripts/codicons.mjs package
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

// what media/request/request.js asks for with icon('<name>') (test/unit/requestIcons.test.ts checks both ways)
const NAMES = [
  'account', 'copy', 'close', 'edit', 'error', 'history', 'info', 'key', 'lightbulb', 'link-external', 'loading',
  'lock', 'mail', 'package', 'pass', 'refresh', 'send', 'server',
];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/codicons.mjs <unpacked @vscode/codicons package folder>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
if (pkg.name !== '@vscode/codicons') throw new Error(`${dir} is ${pkg.name}, not @vscode/codicons`);

const symbols = NAMES.map((name) => {
  const svg = readFileSync(path.join(dir, 'src', 'icons', `${name}.svg`), 'utf8');
  const m = /^<svg [^>]*viewBox="0 0 16 16"[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg.trim());
  if (!m) throw new Error(`${name}.svg is not a 16×16 icon`);
  // only plain paths: nothing that could style, script or load anything inside the form
  const body = m[1].trim();
  if (!/^(<path( (fill-rule|clip-rule)="evenodd")* d="[-0-9.,A-Za-z ]+"\/>)+$/.test(body)) throw new Error(`${name}.svg has more than plain paths`);
  return `<symbol id="codicon-${name}" viewBox="0 0 16 16">${body}</symbol>`;
});

const out = `<!-- Codicons ${NAMES.join(', ')}: from @vscode/codicons ${pkg.version} (src/icons), Copyright (c) Microsoft Corporation,
licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), https://github.com/microsoft/vscode-codicons.
Unchanged except for being gathered into this sprite by scripts/codicons.mjs. -->
<svg xmlns="http://www.w3.org/2000/svg" id="codicons" aria-hidden="true" hidden>
${symbols.join('\n')}
</svg>
`;
writeFileSync(new URL('../media/request/codicons.svg', import.meta.url), out);
console.log(`media/request/codicons.svg: ${NAMES.length} icons, ${out.length} bytes`);
