// The inventory the quick-fix tests check against: one entry per kind of fix (gateway route, pinned range,
// replacedBy chains to a URL and to a package), and the gateway's stdio bridge.
import { Checker } from '../src/core/checker';
import type { LoadedInventory } from '../src/core/inventory/load';
import { InventorySchema, type Inventory } from '../src/core/inventory/schema';

export const GATEWAY = 'https://mcp.acme.example/gw/github/mcp';

export const INVENTORY_DATA = {
  schemaVersion: 1,
  organization: 'Acme',
  gateway: { url: 'https://mcp.acme.example/gw/', stdioBridge: { command: 'npx', args: ['-y', 'mcp-remote@0.1.29', '{url}'] } },
  servers: [
    {
      id: 'github',
      title: 'GitHub',
      status: 'approved',
      match: {
        packages: [
          { ecosystem: 'npm', name: '@modelcontextprotocol/server-github' },
          { ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', versions: '>=0.20.0' },
        ],
        urls: ['https://api.githubcopilot.com/mcp/**'],
      },
      gatewayUrl: GATEWAY,
    },
    { id: 'legacy-github', title: 'Legacy GitHub', status: 'deprecated', match: { packages: [{ ecosystem: 'npm', name: 'github-mcp-legacy' }] }, replacedBy: 'github' },
    { id: 'playwright', title: 'Playwright', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '>=0.0.30 <1.0.0' }] } },
    { id: 'git', title: 'Git', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp-server-git', versions: '>=0.6.2,<1' }] } },
    // a replacedBy chain: rejected → deprecated → approved (no gateway route: the fix switches to its URL)
    { id: 'old-search', status: 'rejected', reason: 'sends queries to a third party', match: { urls: ['https://old-search.example/mcp'] }, replacedBy: 'search-v1' },
    { id: 'search-v1', status: 'deprecated', match: { urls: ['https://search-v1.acme.example/mcp'] }, replacedBy: 'search' },
    { id: 'search', title: 'Search', status: 'approved', match: { urls: ['https://search.acme.example/mcp'] } },
    // replaced by a package without URL: the fix switches to the pinned package
    { id: 'old-fetch', status: 'deprecated', match: { packages: [{ ecosystem: 'npm', name: 'mcp-fetch-old' }] }, replacedBy: 'fetch' },
    { id: 'fetch', title: 'Fetch', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp-server-fetch', versions: '>=2025.4.7' }] } },
  ],
};

export function checkerFor(data: unknown): Checker {
  const inventory: Inventory = InventorySchema.parse(data);
  const loaded: LoadedInventory = { inventory, source: 'test', fetchedAt: null, fromCache: false, stale: false, error: null };
  return new Checker(loaded, { requireGateway: true, enforcement: 'warn', severities: {} });
}
