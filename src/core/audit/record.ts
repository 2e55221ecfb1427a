// One line of the change log (`changes.jsonl`): what the extension or the CLI changed in a config file, or which
// approval request it sent, by whom and when. Version 1; fields are only ever added. Every string that came from a
// config file has its secrets masked before a record is built (see snapshot.ts), and once more when it is written.
import * as os from 'node:os';
import { FIX_KINDS } from '../fix/types';
import * as z from '../zod';

export const AUDIT_TOOLS = ['extension', 'cli'] as const;
/** `fix`: one quick-fix (extension) or one entry fixed by `mcp-gatekeeper fix --write`; `fix-all`: one entry of "Fix all in file" */
export const AUDIT_ACTIONS = ['fix', 'fix-all', 'request'] as const;
export const REQUEST_CHANNELS = ['post', 'browser', 'mailto', 'clipboard'] as const;

export type AuditTool = (typeof AUDIT_TOOLS)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be an ISO time in UTC'));
const nullableString = z.nullable(z.string());

export const AuditRecordSchema = z.looseObject({
  v: z.literal(1),
  time: isoTime,
  /** the operating-system account name (never an email address) */
  user: z.string(),
  host: z.optional(z.string()),
  tool: z.enum(AUDIT_TOOLS),
  toolVersion: z.optional(z.string()),
  action: z.enum(AUDIT_ACTIONS),
  /** the config file (absolute path); null for a request about a server not configured yet */
  file: nullableString,
  client: nullableString,
  /** the server's name (its key in the file) */
  server: z.string(),
  /** the findings the change resolves (fixes) or the server's verdict rule (requests) */
  rules: z.array(z.string()),
  // ---- fixes ----
  fix: z.optional(z.enum(FIX_KINDS)),
  /** what the fix said it does ("Route through the Acme gateway") */
  title: z.optional(z.string()),
  /** the entry's text before and after, every secret masked; `after` is null when the entry was removed */
  before: z.optional(nullableString),
  after: z.optional(nullableString),
  /** env variables and headers the new entry no longer carries (names only) */
  droppedEnvNames: z.optional(z.array(z.string())),
  /** false: applied to the open document in the editor, not saved yet (undo can still take it back) */
  saved: z.optional(z.boolean()),
  /** the copy of the previous file the CLI left (`<file>.bak`) */
  backup: z.optional(z.string()),
  // ---- requests ----
  request: z.optional(
    z.looseObject({
      channel: z.enum(REQUEST_CHANNELS),
      /** the request number the organization's server answered with */
      id: nullableString,
      /** where it went (credentials removed); null for the clipboard */
      url: nullableString,
      verdict: z.optional(z.string()),
    }),
  ),
});

export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** Who and what writes a record: the same for every record of one run. */
export interface AuditSource {
  tool: AuditTool;
  toolVersion?: string;
  /** for tests; defaults to the OS account, the host name and now */
  user?: string;
  host?: string;
  now?: () => Date;
}

/** The fields every record starts with. */
export function recordHeader(source: AuditSource): Pick<AuditRecord, 'v' | 'time' | 'user' | 'host' | 'tool' | 'toolVersion'> {
  return {
    v: 1,
    time: (source.now?.() ?? new Date()).toISOString(),
    user: source.user ?? osUser(),
    host: source.host ?? osHost(),
    tool: source.tool,
    ...(source.toolVersion ? { toolVersion: source.toolVersion } : {}),
  };
}

/** The account name from the OS (not git's user.email: the log must not collect addresses nobody typed). */
export function osUser(): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry (some containers): fall back to the environment
  }
  return process.env.USER || process.env.USERNAME || 'unknown';
}

function osHost(): string | undefined {
  try {
    return os.hostname() || undefined;
  } catch {
    return undefined;
  }
}
