// The one notion of resemblance behind lookalike-package and its quick-fix: look-alike cases from real typosquat
// reports (npm `crossenv` 2017, `electorn` 2017, SANDWORM_MODE's `suport-color` 2026; PyPI `jeIlyfish` 2019,
// `colourama` 2018, `urlib3`), the well-known MCP package names, and the names that must never be flagged.
import * as assert from 'node:assert/strict';
import { InventorySchema } from '../../src/core/inventory/schema';
import { distance, LookalikeIndex } from '../../src/core/lookalike';
import type { Ecosystem } from '../../src/core/model';
import { KNOWN_PACKAGES } from '../../src/core/rules/knownPackages';

const inventory = InventorySchema.parse({
  schemaVersion: 1,
  organization: 'Acme',
  servers: [
    { id: 'filesystem', title: 'Filesystem', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem' }] } },
    { id: 'jira', title: 'Jira', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@acme/jira-mcp' }] } },
    { id: 'context7', status: 'pending', match: { packages: [{ ecosystem: 'npm', name: '@upstash/context7-mcp' }] } },
    { id: 'legacy', status: 'rejected', match: { packages: [{ ecosystem: 'npm', name: '@acme/jira-mcp-legacy' }] } },
    // the classic typosquat targets, approved as an organization would approve its build tools
    ...['cross-env', 'electron', 'supports-color'].map((name) => ({ id: name, status: 'approved', match: { packages: [{ ecosystem: 'npm', name }] } })),
    ...['jellyfish', 'colorama', 'urllib3'].map((name) => ({ id: name, status: 'approved', match: { packages: [{ ecosystem: 'pypi', name }] } })),
  ],
});
const index = new LookalikeIndex(inventory);
const look = (ecosystem: Ecosystem, name: string) => {
  const r = index.lookup(ecosystem, name);
  return r && `${r.original.name} (${r.reason})${r.original.entry ? ` [${r.original.entry.id}]` : ` [${r.original.publisher}]`}`;
};

describe('look-alike package names', () => {
  it('catches the real typosquats of classic reports', () => {
    assert.deepEqual(
      [look('npm', 'crossenv'), look('npm', 'electorn'), look('npm', 'suport-color'), look('pypi', 'jeIlyfish'), look('pypi', 'colourama'), look('pypi', 'urlib3')],
      [
        'cross-env (a separator left out) [cross-env]',
        'electron (two letters swapped: "electorn" for "electron") [electron]',
        'supports-color (differs by two letters: "suport" for "supports") [supports-color]',
        'jellyfish (differs by one letter: "jeilyfish" for "jellyfish") [jellyfish]',
        'colorama (differs by one letter: "colourama" for "colorama") [colorama]',
        'urllib3 (differs by one letter: "urlib3" for "urllib3") [urllib3]',
      ],
    );
  });

  it('catches typos, scope swaps, separators and homoglyphs of the well-known MCP packages', () => {
    assert.deepEqual(
      [
        look('npm', '@modelcontextprotocol/server-filesytem'),
        look('npm', '@modelcontextprotcol/server-filesystem'),
        look('npm', '@modelcontextprotocol/server_filesystem'),
        look('npm', '@model-context-protocol/server-filesystem'),
        look('npm', '@modelcontextprotocol/server-filesуstem'),
        look('npm', '@evil/server-filesystem'),
        look('npm', 'server-filesystem'),
        look('pypi', 'mcp-server-fecth'),
        look('pypi', 'mcpserver-fetch'),
        look('npm', '@p1aywright/mcp'),
        look('npm', '@upstash/context7-rncp'),
        look('npm', '@upstash/c0ntext7-mcp'),
        look('oci', 'ghcr.io/githib/github-mcp-server'),
        look('oci', 'mcp/fecth'),
        look('npm', 'mcp-rem0te'),
        look('pypi', 'awslabs.core-mcp-sever'),
        look('npm', '@modelcontextprotocol/server-sequential-thinkng'),
      ],
      [
        '@modelcontextprotocol/server-filesystem (differs by one letter: "filesytem" for "filesystem") [filesystem]',
        '@modelcontextprotocol/server-filesystem (the scope differs by one letter: "modelcontextprotcol" for "modelcontextprotocol") [filesystem]',
        '@modelcontextprotocol/server-filesystem ("_" in place of "-") [filesystem]',
        '@modelcontextprotocol/server-filesystem (a separator added) [filesystem]',
        '@modelcontextprotocol/server-filesystem (U+0443 CYRILLIC SMALL LETTER U in place of "y" at character 35) [filesystem]',
        '@modelcontextprotocol/server-filesystem (the same name under @evil instead of @modelcontextprotocol) [filesystem]',
        '@modelcontextprotocol/server-filesystem (the same name without the @modelcontextprotocol scope) [filesystem]',
        'mcp-server-fetch (two letters swapped: "fecth" for "fetch") [the MCP reference servers]',
        'mcp-server-fetch (a separator left out) [the MCP reference servers]',
        '@playwright/mcp ("1" in place of "l") [Microsoft]',
        // pending in the inventory, still a well-known original
        '@upstash/context7-mcp ("rn" in place of "m") [Upstash]',
        '@upstash/context7-mcp ("0" in place of "o") [Upstash]',
        'ghcr.io/github/github-mcp-server (differs by one letter: "githib" for "github") [GitHub]',
        'mcp/fetch (two letters swapped: "fecth" for "fetch") [the MCP reference servers]',
        'mcp-remote ("0" in place of "o") [mcp-remote (geelen)]',
        'awslabs.core-mcp-server (differs by one letter: "sever" for "server") [AWS Labs]',
        '@modelcontextprotocol/server-sequential-thinking (differs by one letter: "thinkng" for "thinking") [the MCP reference servers]',
      ],
    );
  });

  it('prefers the approved inventory entry, and compares approved packages of any name', () => {
    assert.equal(look('npm', '@acme/jira-mpc'), '@acme/jira-mcp (two letters swapped: "mpc" for "mcp") [jira]');
    assert.equal(look('npm', '@acrne/jira-mcp'), '@acme/jira-mcp ("rn" in place of "m") [jira]');
    assert.equal(look('npm', 'jira-mcp'), null, 'a generic unscoped name is not a copy of a scoped one ("jira" is too short to be distinctive)');
  });

  it('never flags a real name: exact inventory names of any status and well-known packages', () => {
    for (const k of KNOWN_PACKAGES) assert.equal(index.lookup(k.ecosystem, k.name), null, `${k.ecosystem} ${k.name}`);
    assert.equal(look('npm', '@acme/jira-mcp-legacy'), null, 'rejected, but it is its own name');
    assert.equal(look('npm', '@upstash/context7-mcp'), null, 'pending in the inventory');
    // registry normalization: the same PyPI project however it is spelled
    assert.equal(look('pypi', 'MCP_Server.Fetch'), null);
    assert.equal(look('oci', 'docker.io/mcp/fetch'), null);
  });

  it('is ecosystem-aware: `-` vs `_` is the same PyPI project but another npm package', () => {
    assert.equal(look('pypi', 'mcp_server_fetch'), null);
    assert.equal(look('npm', 'mcp_remote'), 'mcp-remote ("_" in place of "-") [mcp-remote (geelen)]');
    assert.equal(look('npm', 'mcp-server-fetch'), null, 'the PyPI name used on npm is not compared with PyPI');
    assert.equal(look('nuget', 'mcp-server-fetch'), null);
  });

  it('leaves different short words, numbers and generic names alone', () => {
    const negatives: [Ecosystem, string][] = [
      ['pypi', 'mcp-server-gif'], // "git" vs "gif": a different word, not a typo of a 3-letter word
      ['pypi', 'mcp-server-tim'],
      ['pypi', 'awslabs.eks-mcp-server'], // a real AWS Labs server next to cdk/ecs
      ['npm', '@modelcontextprotocol/server-gitea'],
      ['npm', '@acme/mcp'],
      ['npm', '@acme/mcp-server'], // generic: not a copy of @sentry/mcp-server
      ['npm', '@upstash/context8-mcp'], // numbers differ: a different name, not a typo
      ['npm', '@acme-5/mcp-server-1234'],
      ['npm', 'postmark-mcp'], // the 2025 postmark-mcp backdoor copied a name no list here knows: not a look-alike
      ['oci', 'registry.acme.example/github/github-mcp-server'], // a mirror: images are compared whole, not by last segment
    ];
    for (const [e, n] of negatives) assert.equal(look(e, n), null, `${e} ${n}`);
  });

  it('answers the same for the same name (memoized) and builds nothing until asked', () => {
    const fresh = new LookalikeIndex(inventory);
    assert.equal(fresh.lookup('npm', 'crossenv')?.original.name, 'cross-env');
    assert.equal(fresh.lookup('npm', 'crossenv')?.original.name, 'cross-env');
    assert.equal(LookalikeIndex.forInventory(inventory), LookalikeIndex.forInventory(inventory));
  });

  it('measures Damerau-Levenshtein distance with transpositions as one edit, capped', () => {
    assert.equal(distance('fetch', 'fecth', 2), 1);
    assert.equal(distance('filesystem', 'filesytem', 2), 1);
    assert.equal(distance('supports', 'suport', 2), 2);
    assert.equal(distance('kitten', 'sitting', 2), 3, 'three edits: capped at cap + 1');
    assert.equal(distance('a', 'abcdef', 2), 3, 'lengths too far apart exit early');
    assert.equal(distance('same', 'same', 2), 0);
  });
});
