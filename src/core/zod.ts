// zod's tree-shakable "mini" build with English messages only; the full build would add ~400 KB to each bundle.
// Import it as `import * as z from '../zod'`: re-exporting the namespace object itself would defeat tree-shaking.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
