// Seeded, reproducible synthetic data for the benchmarks: config files of several dialects with mixed launchers
// and comments, and inventories that cover part of what the configs run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small seeded PRNG, so every run measures the same data */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** One server entry of a realistic shape (npx / uvx / docker / remote / local command). */
export function serverEntry(r, i) {
  const n = Math.floor(r() * 20000);
  switch (Math.floor(r() * 6)) {
    case 0:
      return { command: 'npx', args: ['-y', `@acme-${n % 97}/mcp-server-${n}@${1 + (n % 5)}.${n % 10}.${n % 7}`, '--root', `/srv/data/${i}`] };
    case 1:
      return { command: 'uvx', args: [`mcp-server-tool-${n}==${n % 9}.${n % 4}.0`, '--verbose'] };
    case 2:
      return { command: 'docker', args: ['run', '-i', '--rm', '-e', 'API_TOKEN', `ghcr.io/org-${n % 50}/mcp-${n}:v${n % 3}.1.0`], env: { API_TOKEN: '${env:API_TOKEN}' } };
    case 3:
      return { type: 'http', url: `https://mcp${n % 40}.example.com/tenant/${n}/mcp`, headers: { Authorization: 'Bearer ${input:token}' } };
    case 4:
      return { command: `/opt/tools/bin/mcp-local-${n}`, args: ['--stdio'] };
    default:
      return { command: 'npx', args: ['-y', `mcp-plain-${n}`], env: { LOG_LEVEL: 'info' } };
  }
}

/** A JSON(C) config file with `count` servers under `key`, with a comment every 50 entries. */
export function jsonConfig(r, key, count, offset = 0, comments = true) {
  const lines = [...(comments ? ['// generated benchmark config'] : []), '{', `  "${key}": {`];
  for (let i = 0; i < count; i++) {
    if (comments && i % 50 === 0) lines.push(`    // group ${i / 50}`);
    lines.push(`    "server-${offset + i}": ${JSON.stringify(serverEntry(r, offset + i))}${i === count - 1 ? '' : ','}`);
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** The same servers without comments: what JSON.parse can read (the baseline). */
export function stripComments(text) {
  return text.replace(/^\s*\/\/.*$/gm, '');
}

/** An inventory of `count` entries: packages, URL globs and command globs, some matching the generated configs. */
export function inventory(r, count) {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const status = pick(r, ['approved', 'approved', 'approved', 'pending', 'rejected', 'deprecated']);
    const entry = { id: `entry-${i}`, title: `Entry ${i}`, status, match: {} };
    if (kind === 0) entry.match.packages = [{ ecosystem: 'npm', name: `@acme-${i % 97}/mcp-server-${i}`, versions: '>=1.0.0' }];
    if (kind === 1) entry.match.packages = [{ ecosystem: 'pypi', name: `mcp-server-tool-${i}`, versions: '>=0.1' }];
    if (kind === 2) entry.match.urls = [`https://mcp${i % 40}.example.com/tenant/${i}/**`];
    if (kind === 3) entry.match.packages = [{ ecosystem: 'oci', name: `ghcr.io/org-${i % 50}/mcp-${i}` }];
    if (status === 'deprecated') entry.reason = 'replaced';
    servers.push(entry);
  }
  servers.push({ id: 'tools', status: 'approved', match: { commands: ['/opt/tools/bin/*'] } });
  return { schemaVersion: 1, organization: 'Bench', gateway: { url: 'https://gw.example.com/' }, servers };
}

/** Writes a home + workspace with `total` servers spread over 8 JSON files of different clients. */
export function writeMachine(root, total, seed = 42, comments = false) {
  const r = rng(seed);
  const home = path.join(root, 'home');
  const ws = path.join(root, 'workspace');
  const files = [
    [path.join(ws, '.vscode', 'mcp.json'), 'servers'],
    [path.join(ws, '.cursor', 'mcp.json'), 'mcpServers'],
    [path.join(ws, '.mcp.json'), 'mcpServers'],
    [path.join(ws, '.roo', 'mcp.json'), 'mcpServers'],
    [path.join(home, '.cursor', 'mcp.json'), 'mcpServers'],
    [path.join(home, '.codeium', 'windsurf', 'mcp_config.json'), 'mcpServers'],
    [path.join(home, '.gemini', 'settings.json'), 'mcpServers'],
    [path.join(home, '.kiro', 'settings', 'mcp.json'), 'mcpServers'],
  ];
  const per = Math.ceil(total / files.length);
  const written = [];
  files.forEach(([file, key], k) => {
    const count = Math.min(per, total - k * per);
    if (count <= 0) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, jsonConfig(r, key, count, k * per, comments));
    written.push(file);
  });
  mkdirSync(path.join(root, 'system'), { recursive: true });
  return { home, ws, files: written, system: path.join(root, 'system') };
}
