// Claude Code: `managed-settings.json` with `allowedMcpServers` / `deniedMcpServers`, optionally `managed-mcp.json`
// with the gateway routes. Installed in /Library/Application Support/ClaudeCode/ (macOS), /etc/claude-code/
// (Linux/WSL) or C:\Program Files\ClaudeCode\ (Windows).
// Matching (code.claude.com/docs/en/managed-mcp and /settings, via the reference §5 [V]): entries are single-key
// objects; `serverCommand` is an exact argv array (command + every argument, in order), `serverUrl` a pattern with
// `*` anywhere (a pattern without a path matches every path), `serverName` a literal name that is not a security
// control and is never exported. A stdio server must match a `serverCommand` entry when any exist; a remote server a
// `serverUrl` entry. The denylist always wins. `managed-mcp.json`, when present, is exclusive: only its servers load.
import type { Inventory, InventoryServer, PackageMatch } from '../../inventory/schema';
import { compileAll, isGlob, jsonText, launchArgv, partition, urlPatternToStar, versionSet, type ExportModule, type ExportNote, type ExportOptions, type ExportResult } from './common';

type Rule = { serverCommand: string[] } | { serverUrl: string };

export const claudeCodeExport: ExportModule = {
  target: 'claude-code',
  title: 'Claude Code',
  run(inventory: Inventory, options: ExportOptions): ExportResult {
    const notes: ExportNote[] = [];
    const { approved, rejected } = partition(inventory, notes);
    const allowed: Rule[] = [];
    const denied: Rule[] = [];
    let allowedEntries = 0;
    let deniedEntries = 0;

    for (const entry of approved) {
      const rules = [...packageRules(entry, 'allow', notes), ...urlRules(entry, 'allow', notes), ...commandRules(entry, 'allow', notes)];
      if (entry.gatewayUrl) rules.push({ serverUrl: entry.gatewayUrl });
      if (rules.length) allowedEntries++;
      else notes.push({ id: entry.id, level: 'lost', message: 'nothing in this entry can be written as an exact command line or URL pattern: Claude Code will block it' });
      addUnique(allowed, rules);
    }
    const gw = inventory.gateway?.url;
    if (gw) addUnique(allowed, [{ serverUrl: `${gw.replace(/\/+$/, '')}/*` }]);
    for (const entry of rejected) {
      const rules = [...packageRules(entry, 'deny', notes), ...urlRules(entry, 'deny', notes), ...commandRules(entry, 'deny', notes)];
      if (rules.length) deniedEntries++;
      else notes.push({ id: entry.id, level: 'lost', message: 'nothing in this entry can be written as an exact command line or URL pattern: it is not denied (the allow-list still blocks it)' });
      addUnique(denied, rules);
    }

    const settings = {
      // the organization's list is the only allow-list: users and projects cannot add to it
      allowManagedMcpServersOnly: true,
      allowedMcpServers: allowed,
      deniedMcpServers: denied,
    };
    notes.push({ id: null, level: 'info', message: 'serverCommand entries match the canonical launch form only (e.g. ["npx","-y","pkg@1.2.3"]); a server started with extra arguments (paths, flags) does not match and is blocked' });
    const files = [{ name: 'managed-settings.json', installTo: '/etc/claude-code/ (Linux), /Library/Application Support/ClaudeCode/ (macOS), C:\\Program Files\\ClaudeCode\\ (Windows)', text: jsonText(settings) }];

    if (options.withManagedMcp) {
      const servers: Record<string, { type: 'http'; url: string }> = {};
      for (const entry of approved) if (entry.gatewayUrl) servers[entry.id] = { type: 'http', url: entry.gatewayUrl };
      files.push({ name: 'managed-mcp.json', installTo: 'the same folder as managed-settings.json', text: jsonText({ mcpServers: servers }) });
      notes.push({ id: null, level: 'info', message: `managed-mcp.json is exclusive: with it in place Claude Code loads only its ${Object.keys(servers).length} gateway server(s) and users cannot add their own` });
    }
    return { target: 'claude-code', files, notes, allowed: allowedEntries, denied: deniedEntries };
  },
};

function packageRules(entry: InventoryServer, mode: 'allow' | 'deny', notes: ExportNote[]): Rule[] {
  const out: Rule[] = [];
  for (const pm of entry.match.packages ?? []) {
    const forms = argvForms(pm, mode);
    if (forms === 'unsupported') {
      notes.push({ id: entry.id, level: 'lost', message: `${pm.ecosystem} package ${pm.name} has no standard launch command to list` });
      continue;
    }
    if (forms === 'range') {
      notes.push({
        id: entry.id,
        level: 'lost',
        message: `${pm.name} ${pm.versions}: a version range cannot be written as exact command lines${mode === 'allow' ? (entry.gatewayUrl ? '; only the gateway route is allowed' : '; local launches are blocked') : '; not denied'}`,
      });
      continue;
    }
    if (mode === 'deny' && versionSet(pm).kind === 'any') {
      notes.push({ id: entry.id, level: 'widened', message: `${pm.name} is rejected at every version, but exact command lines only catch the forms listed (unpinned, @latest); a pinned launch is not denied (the allow-list still blocks it)` });
    }
    if (mode === 'allow' && versionSet(pm).kind === 'any') {
      notes.push({ id: entry.id, level: 'info', message: `${pm.name}: any version is approved, but only the unpinned launch form is listed; pinned launches are blocked` });
    }
    for (const argv of forms) out.push({ serverCommand: [argv.command, ...argv.args] });
  }
  return out;
}

/** The exact command lines for a package rule, 'range' when versions are a real range, 'unsupported' for `other`. */
function argvForms(pm: PackageMatch, mode: 'allow' | 'deny'): { command: string; args: string[] }[] | 'range' | 'unsupported' {
  const set = versionSet(pm);
  if (set.kind === 'range') return 'range';
  const versions: (string | null)[] = set.kind === 'exact' ? set.versions.flatMap((v) => (pm.ecosystem === 'oci' ? [v, `v${v}`] : [v])) : [null];
  if (pm.digest) versions.splice(0, versions.length, null);
  const forms: { command: string; args: string[] }[] = [];
  for (const v of versions) {
    const argv = launchArgv(pm, v);
    if (!argv) return 'unsupported';
    forms.push(argv);
    // deny lists also catch the common variants: npx without -y, and the explicit @latest tag
    if (mode === 'deny' && pm.ecosystem === 'npm') {
      forms.push({ command: 'npx', args: argv.args.slice(1) });
      if (v === null) forms.push({ command: 'npx', args: ['-y', `${pm.name}@latest`] });
    }
  }
  return forms;
}

function urlRules(entry: InventoryServer, mode: 'allow' | 'deny', notes: ExportNote[]): Rule[] {
  const out: Rule[] = [];
  for (const pattern of compileAll(entry.match.urls)) {
    const star = urlPatternToStar(pattern);
    if (star.lost) {
      notes.push({ id: entry.id, level: 'lost', message: star.lost });
      continue;
    }
    if (star.widened) notes.push({ id: entry.id, level: mode === 'allow' ? 'widened' : 'info', message: `"${pattern.source}": "*" in Claude Code also crosses "/", so deeper paths match too` });
    for (const p of star.patterns) out.push({ serverUrl: p });
  }
  return out;
}

function commandRules(entry: InventoryServer, mode: 'allow' | 'deny', notes: ExportNote[]): Rule[] {
  const out: Rule[] = [];
  for (const glob of entry.match.commands ?? []) {
    if (isGlob(glob)) {
      notes.push({ id: entry.id, level: 'lost', message: `command glob ${glob}: serverCommand matches exact command lines only${mode === 'allow' ? '; these commands are blocked' : '; not denied'}` });
      continue;
    }
    out.push({ serverCommand: [glob] });
    notes.push({ id: entry.id, level: mode === 'allow' ? 'info' : 'widened', message: `command ${glob}: listed without arguments; the inventory matches any arguments, Claude Code only this exact command line` });
  }
  return out;
}

function addUnique(list: Rule[], rules: Rule[]): void {
  for (const r of rules) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(r))) list.push(r);
}
