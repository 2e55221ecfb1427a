// auto-approve-tools: per-server settings that let the model call the server's tools without asking the user. A
// prompt injection in any content the model reads can then act through those tools unseen. Per client (the key only
// means something to the client that reads the file):
// - Cline `autoApprove: [tool names]`: exact names only, `"*"` is no wildcard there (cline/cline
//   src/services/mcp/McpHub.ts fetchToolsList: `autoApproveConfig.includes(tool.name)`);
// - Roo Code `alwaysAllow: [tool names]`, where `"*"` approves every tool (RooCodeInc/Roo-Code
//   src/services/mcp/McpHub.ts fetchToolsList: `hasWildcard = alwaysAllowConfig.includes("*")`);
// - Kiro `autoApprove: [tool names]` ("tool names to auto-approve without prompting", kiro.dev/docs/mcp/configuration);
//   `"*"` approves every tool [S: syllago.dev Kiro provider page];
// - Gemini CLI `trust: true` bypasses every tool-call confirmation for the server (gemini-cli docs/tools/mcp-server.md);
// - Codex `default_tools_approval_mode = "approve"` (every tool) and `[mcp_servers.<s>.tools.<t>] approval_mode =
//   "approve"` (one tool). The values are AppToolApproval `auto` | `prompt` | `writes` | `approve`
//   (codex-rs/config/src/mcp_types.rs); only `approve` never asks (codex-rs/core/src/mcp_tool_call.rs:
//   `AppToolApproval::Approve => false`); `auto` (the default) asks according to the tool's annotations.
// - Claude Code settings files (`~/.claude/settings.json`, `.claude/settings.json`, `.claude/settings.local.json`,
//   managed-settings.json) are file-level: `enableAllProjectMcpServers: true` starts every server of the project's
//   `.mcp.json` (present and future) without the approval prompt; `permissions.allow` entries `mcp__<server>`,
//   `mcp__<server>__*` (every tool of the server) and `mcp__<server>__<tool>` run tools without asking;
//   `permissions.defaultMode: "bypassPermissions"` skips every prompt. Claude Code ignores unanchored allow globs
//   (`mcp__*`) and MCP rules with parentheses, so those approve nothing (code.claude.com/docs settings and iam).
// Not here: Copilot CLI's `tools: ["*"]` selects which tools are exposed, not whether calls are confirmed.
import type { ClientId, FileFinding, Finding } from '../model';
import type { ParsedDocument, TreeNode } from '../parse';
import { serverNode } from './entryFields';
import { entries, keyNode, prop, strings } from './nodes';
import type { ServerRule } from './types';

const CLIENT_NAMES: Partial<Record<ClientId, string>> = { cline: 'Cline', roo: 'Roo Code', kiro: 'Kiro', gemini: 'Gemini CLI', codex: 'Codex' };

/** The tool-list key each client reads, and whether `"*"` in it means every tool. */
const TOOL_LISTS: Partial<Record<ClientId, { key: string; wildcard: boolean }>> = {
  cline: { key: 'autoApprove', wildcard: false },
  roo: { key: 'alwaysAllow', wildcard: true },
  kiro: { key: 'autoApprove', wildcard: true },
};

export const autoApproveTools: ServerRule = {
  id: 'auto-approve-tools',
  name: 'AutoApprovedTools',
  shortDescription: "MCP tools run without the user's confirmation",
  fullDescription:
    "The configuration lets the model call some or all of this server's tools without asking the user first (Cline/Kiro autoApprove, Roo Code alwaysAllow, Gemini CLI trust, Codex approval mode \"approve\"). A prompt injection in anything the model reads can then act through those tools unseen. A wildcard or server-wide setting also covers tools a later server update adds.",
  defaultSeverity: 'warning',
  check({ server, entry: found, doc }) {
    const entry = serverNode(server, found);
    const client = CLIENT_NAMES[server.client];
    if (!client) return [];
    const out: Finding[] = [];
    const report = (node: TreeNode, message: string) =>
      out.push({ rule: 'auto-approve-tools', severity: 'warning', message, range: doc.lines.rangeOf(node.offset, node.length) });
    const every = `${client} runs every tool of this server without asking, including tools a later server update adds`;

    const list = TOOL_LISTS[server.client];
    if (list) {
      const node = prop(entry, list.key);
      const names = strings(node).map(([name]) => name.trim()).filter((name) => name.length > 0);
      const wildcard = list.wildcard && names.includes('*');
      // in Cline `"*"` is a tool name no server has: it approves nothing
      const tools = names.filter((n) => n !== '*');
      if (node && wildcard) report(node, `${every} ("*" in ${list.key}). List only read-only tools, or none.`);
      else if (node && tools.length) report(node, `${client} runs ${toolList(tools)} (${list.key}). Keep only tools that cannot change anything or send data out.`);
    }

    if (server.client === 'gemini') {
      const trust = prop(entry, 'trust');
      if (trust?.type === 'boolean' && trust.value === true) report(trust, `${every} (trust: true). Remove it, or limit the tools with includeTools.`);
    }

    if (server.client === 'codex') {
      const mode = prop(entry, 'default_tools_approval_mode');
      if (isApprove(mode)) report(mode as TreeNode, `${every} (default_tools_approval_mode = "approve"). Use "auto" or "prompt".`);
      const approved = entries(prop(entry, 'tools')).filter(([, table]) => isApprove(prop(table, 'approval_mode')));
      if (approved.length) {
        const first = prop(approved[0][1], 'approval_mode') as TreeNode;
        report(first, `${client} runs ${toolList(approved.map(([name]) => name))} (approval_mode = "approve"). Keep only tools that cannot change anything or send data out.`);
      }
    }
    return out;
  },
};

function isApprove(node: TreeNode | undefined): boolean {
  return node?.type === 'string' && typeof node.value === 'string' && node.value.trim().toLowerCase() === 'approve';
}

function toolList(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return `${names.length === 1 ? 'a tool' : `${names.length} tools`} of this server without asking: ${shown}${more}`;
}

/** Claude Code settings that start project servers or run MCP tools without asking: findings on the setting. */
export function claudeCodeSettingsFindings(doc: ParsedDocument): FileFinding[] {
  const root = doc.root;
  if (!root || root.type !== 'object') return [];
  const out: FileFinding[] = [];
  const report = (node: TreeNode, message: string) =>
    out.push({ rule: 'auto-approve-tools', severity: 'warning', message, range: doc.lines.rangeOf(node.offset, node.length) });

  const all = prop(root, 'enableAllProjectMcpServers');
  if (all?.type === 'boolean' && all.value === true) {
    report(
      keyNode(root, 'enableAllProjectMcpServers') as TreeNode,
      'Claude Code starts every server of the project\'s .mcp.json without asking (enableAllProjectMcpServers), including servers a later commit adds. Approve servers one by one when Claude Code asks, or list them in enabledMcpjsonServers.',
    );
  }
  const permissions = prop(root, 'permissions');
  const mode = prop(permissions, 'defaultMode');
  if (mode?.type === 'string' && mode.value === 'bypassPermissions') {
    report(mode, 'Claude Code runs every tool without asking (defaultMode "bypassPermissions"), MCP tools included. Use "default" and allow single read-only tools instead.');
  }
  // per server: the entries that approve all of its tools, and the single tools approved
  const byServer = new Map<string, { every: TreeNode[]; tools: [string, TreeNode][] }>();
  for (const [rule, node] of strings(prop(permissions, 'allow'))) {
    const m = /^mcp__([^_*()\s][^()\s]*?)(?:__(.+))?$/.exec(rule.trim());
    if (!m) continue; // not an MCP rule, or one Claude Code ignores (mcp__*, parentheses)
    const [, server, tool] = m;
    const group = byServer.get(server) ?? { every: [], tools: [] };
    byServer.set(server, group);
    if (tool === undefined || tool === '*') group.every.push(node);
    else group.tools.push([tool, node]);
  }
  for (const [server, { every, tools }] of byServer) {
    for (const node of every) {
      report(node, `Claude Code runs every tool of "${server}" without asking (permissions.allow), including tools a later server update adds. Allow only single read-only tools (mcp__${server}__<tool>).`);
    }
    if (!every.length && tools.length) {
      report(tools[0][1], `Claude Code runs ${toolList(tools.map(([t]) => t)).replace('of this server', `of "${server}"`)} (permissions.allow). Keep only tools that cannot change anything or send data out.`);
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
