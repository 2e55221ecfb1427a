// The YAML and TOML parsers (with the `yaml` and `toml-eslint-parser` libraries, over a third of the extension's
// code). This module is the entry of its own bundle (dist/parsers.js, see scripts/build.mjs) and is only ever loaded
// through `formats()` in lazyFormats.ts, the first time a YAML or TOML file is read or edited: the JSON configs most
// clients use never load it.
export { parseYaml } from './yaml';
export { parseToml } from './toml';
export { parseTOML } from 'toml-eslint-parser';
