// undici is loaded only when something is fetched or sent: most scans never touch the network, and the library
// is larger than the rest of the bundle. The build ships it as its own file (dist/undici.js).
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
