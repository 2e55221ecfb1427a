// The recorded registry documents (test/fixtures/registry, see its README) and what they say, shared by the unit and
// CLI trust-signal tests.
import * as path from 'node:path';
import { FIXTURES } from './helpers';

export const REGISTRY_FIXTURES = path.join(FIXTURES, 'registry');

/** The facts about @acme/weather-mcp@1.2.0 as served from `registry` (the JSON contract's `trust` object). */
export function weatherFacts(registry: string) {
  return {
    registry,
    version: '1.2.0',
    firstPublished: '2024-05-14T09:12:44.018Z',
    versionPublished: '2025-06-20T08:05:19.004Z',
    maintainers: 2,
    repository: 'https://github.com/acme/weather-mcp',
    license: 'MIT',
    deprecated: null,
    provenance: true,
    latest: '1.3.0',
    unavailable: null,
  };
}
