// One esbuild bundle per entry point: the extension (cjs, `vscode` external) and the CLI (node, shebang).
// `--production` minifies and drops source maps (what the .vsix ships); `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's `main` is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
};

// undici is required lazily (src/core/net/undici.ts) and shipped as its own file next to the entry bundles, with
// only the parts the tool uses (scripts/undici-parts.cjs).
const undiciBeside = {
  name: 'undici-beside',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

// The MCP SDK is required lazily too (src/core/inspect/connect.ts requires './mcpSdk' only for an inspection) and
// ships as dist/mcp-sdk.js.
const mcpSdkBeside = {
  name: 'mcp-sdk-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcpSdk$/ }, (args) =>
      /[\\/]src[\\/]core[\\/]inspect$/.test(args.resolveDir) ? { path: './mcp-sdk.js', external: true } : undefined,
    );
  },
};

// The YAML and TOML parsers are required lazily as well (src/core/parse/lazyFormats.ts requires './formats' the first
// time such a file is read or edited) and ship as dist/parsers.js.
const parsersBeside = {
  name: 'parsers-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/formats$/ }, (args) =>
      /[\\/]src[\\/]core[\\/]parse$/.test(args.resolveDir) ? { path: './parsers.js', external: true } : undefined,
    );
  },
};

// In that bundle, the SDK's Ajv validator (used only for tool-call results, which an inspection never asks for)
// is replaced by a stub that validates nothing: about 130 KB less.
const noAjv = {
  name: 'no-ajv',
  setup(build) {
    build.onResolve({ filter: /[\\/]validation[\\/]ajv-provider\.js$/ }, (args) =>
      /@modelcontextprotocol[\\/]sdk/.test(args.resolveDir) ? { path: path.resolve('src/core/inspect/noSchemaValidator.ts') } : undefined,
    );
  },
};

// undici embeds its HTTP parser twice, as base64 WebAssembly with and without SIMD, and falls back to the plain one
// when the SIMD one cannot load. Only the plain one is shipped (about 55 KB less in the .vsix): it runs everywhere, and
// the few small requests the tool makes do not need the faster parser.
const plainLlhttp = {
  name: 'plain-llhttp',
  setup(build) {
    build.onResolve({ filter: /llhttp_simd-wasm\.js$/ }, () => ({ path: 'llhttp-simd-not-shipped', namespace: 'plain-llhttp' }));
    build.onLoad({ filter: /.*/, namespace: 'plain-llhttp' }, () => ({ contents: "throw new Error('the SIMD build of llhttp is not shipped');", loader: 'js' }));
  },
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [undiciBeside, mcpSdkBeside, parsersBeside] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [undiciBeside, mcpSdkBeside, parsersBeside] },
  { ...common, entryPoints: ['scripts/undici-parts.cjs'], outfile: 'dist/undici.js', plugins: [plainLlhttp] },
  { ...common, entryPoints: ['src/core/inspect/mcpSdk.ts'], outfile: 'dist/mcp-sdk.js', plugins: [noAjv] },
  { ...common, entryPoints: ['src/core/parse/formats.ts'], outfile: 'dist/parsers.js' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
