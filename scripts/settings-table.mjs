// Renders the settings table of README.md from package.json (`--write` updates README; the unit tests check it).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// package.json holds `%key%` placeholders; the English text lives in package.nls.json.
const englishNls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const english = (s) => (typeof s === 'string' ? s.replace(/^%([^%]+)%$/, (m, key) => englishNls[key] ?? m) : s);

export function settingsTable(pkg) {
  const props = pkg.contributes.configuration.properties;
  const rows = Object.entries(props)
    .sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0))
    .map(([key, p]) => {
      const type = p.enum ? p.enum.map((v) => `\`${v}\``).join(' \\| ') : p.type === 'array' ? `${p.items?.type ?? 'any'}[]` : p.type;
      const desc = english(p.markdownDescription ?? p.description ?? '').replace(/#(mcpGatekeeper\.[\w.]+)#/g, '`$1`').replace(/This is a `machine` setting:.*$/s, '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
      return `| \`${key}\` | ${type} | \`${JSON.stringify(p.default)}\` | ${desc} |`;
    });
  return ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function renderReadme(readme, pkg) {
  return readme.replace(/<!-- settings:start -->[\s\S]*?<!-- settings:end -->/, `<!-- settings:start -->\n${settingsTable(pkg)}\n<!-- settings:end -->`);
}

if (process.argv.includes('--write')) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.join(root, 'README.md');
  writeFileSync(file, renderReadme(readFileSync(file, 'utf8'), pkg));
}
