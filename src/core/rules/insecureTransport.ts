// insecure-transport: the server is reached over unencrypted `http://` or `ws://` on another machine, directly (`url`,
// `serverUrl`, `httpUrl`, `uri`) or through a stdio bridge such as `mcp-remote http://…`. Anyone on the network path
// can read the tool calls and their results and change them, credentials in headers included. Loopback addresses
// (localhost and `*.localhost`, 127.0.0.0/8, ::1; also 0.0.0.0 and ::, which a client can only reach on its own
// machine) never leave the machine and are fine.
import type { Finding } from '../model';
import { isReference } from '../secrets';
import { entryFields, serverNode, type StringField } from './entryFields';
import type { ServerRule } from './types';

export const insecureTransport: ServerRule = {
  id: 'insecure-transport',
  name: 'InsecureTransport',
  shortDescription: 'MCP server reached over unencrypted HTTP',
  fullDescription:
    'The server URL uses http:// or ws:// to a host that is not this machine. Tool calls, their results and any credentials sent with them cross the network in clear text and can be read or changed on the way. Use https:// (or wss://).',
  defaultSeverity: 'warning',
  check({ server, entry, doc }) {
    const fields = entryFields(serverNode(server, entry));
    const targets: { field: StringField; url: string; bridged: boolean }[] = fields.urls.map((u) => ({ field: u, url: u.value.trim(), bridged: false }));
    // a stdio bridge (`npx mcp-remote http://…`): the model holds its target in `url`; find the argument that carries it
    if (server.transport === 'stdio' && server.url) {
      const arg = fields.args.find((a) => a.value.includes(server.url as string));
      if (arg) targets.push({ field: arg, url: server.url, bridged: true });
    }
    // headers, Codex's bearer_token_env_var and Continue's apiKey all show in headerNames
    const credentials = server.headerNames.length > 0 || fields.headers.length > 0 || fields.args.some((a) => /^(?:--header|-H)$/.test(a.value));
    const out: Finding[] = [];
    for (const t of targets) {
      const target = plainTarget(t.url);
      if (!target || isLocal(target.host)) continue;
      const secure = target.scheme === 'ws' ? 'wss://' : 'https://';
      out.push({
        rule: 'insecure-transport',
        severity: 'warning',
        message: `${t.field.label} connects${t.bridged ? ' (through a stdio bridge)' : ''} to ${target.host} over unencrypted ${target.scheme}://: anyone on the network path can read and change the MCP traffic${credentials ? ', credentials included' : ''}. Use ${secure}.`,
        range: doc.lines.rangeOf(t.field.node.offset, t.field.node.length),
      });
    }
    return out;
  },
};

/** The scheme and host of an `http://` or `ws://` URL; null for other schemes or a host written as a reference. */
export function plainTarget(url: string): { scheme: 'http' | 'ws'; host: string } | null {
  const m = /^(https?|wss?):\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url.trim());
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'ws') return null;
  const host = m[2].replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (!host || /[${}%]/.test(host) || isReference(host)) return null; // `http://${HOST}:8080`: unknown until run time
  return { scheme, host };
}

export function isLocal(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(host) || host === '0.0.0.0') return true;
  if (host.startsWith('::ffff:')) return isLocal(host.slice(7));
  // ::1 and :: in any spelling (0:0:0:0:0:0:0:1)
  const v6 = /^[0:]*:[0:]*(1)?$/.exec(host);
  return v6 !== null && host.includes(':');
}
