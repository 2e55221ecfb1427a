// The JSON Schemas in schemas/ are generated from the zod schemas (src/core/jsonSchemas.ts). `--write` updates the
// files (`npm run package` does, so a .vsix always ships what the loaders accept); without it, exits 1 when a
// committed file differs. The unit tests check the same.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** { file name → text } as the zod schemas generate them. */
export async function renderSchemas() {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'src/core/jsonSchemas.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(path.join(root, 'package.json')));
  const { jsonSchemaFiles, schemaText } = module.exports;
  return Object.fromEntries(jsonSchemaFiles().map(({ file, schema }) => [file, schemaText(schema)]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'schemas.mjs')) {
  const dir = path.join(root, 'schemas');
  const stale = [];
  for (const [file, text] of Object.entries(await renderSchemas())) {
    const target = path.join(dir, file);
    let current = null;
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current === text) continue;
    if (process.argv.includes('--write')) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(target, text);
      console.log(`wrote schemas/${file}`);
    } else stale.push(`schemas/${file}`);
  }
  if (stale.length) {
    console.error(`${stale.join(', ')} differ from the zod schemas: run node scripts/schemas.mjs --write`);
    process.exit(1);
  }
}
