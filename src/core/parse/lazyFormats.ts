// Loads the YAML and TOML parsers on first use (see formats.ts): starting the extension or a scan of JSON files
// does not pay for them.
import type * as Formats from './formats';

let loaded: typeof Formats | undefined;

export function formats(): typeof Formats {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./formats') as typeof Formats;
  return loaded;
}
