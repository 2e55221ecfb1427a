// Inventory format v1, validated with zod. Extra fields are allowed and kept (admins annotate entries).
import * as z from '../zod';
import { isValidSpec } from './versions';
import { FIELD_KEYS } from '../request/fields';

export const ECOSYSTEMS = ['npm', 'pypi', 'oci', 'nuget', 'go', 'other'] as const;
export const STATUSES = ['approved', 'pending', 'rejected', 'deprecated'] as const;

const described = (description: string) => z.describe(description);
const httpUrl = (description: string) =>
  z.string().check(z.regex(/^https?:\/\/[^\s/]+/i, 'must be an http(s) URL'), z.meta({ description, patternErrorMessage: 'Must be an http(s) URL.' }));
const nonEmpty = () => z.string().check(z.minLength(1));
/** where approval requests go: a web form or API (http(s)), or an address (mailto:) */
const requestTarget = z
  .string()
  .check(
    z.regex(/^(https?:\/\/[^\s/]+|mailto:[^\s@]+@[^\s@]+)/i, 'must be an http(s) or mailto: URL'),
    z.meta({ description: 'Where approval requests go: a web form or API (http(s)), or an address (mailto:).', patternErrorMessage: 'Must be an http(s) or mailto: URL.' }),
  );

export const PackageMatchSchema = z
  .looseObject({
    ecosystem: z.enum(ECOSYSTEMS).check(
      z.meta({
        description: 'Package registry the name belongs to.',
        enumDescriptions: ['npm (npx, pnpm dlx, yarn dlx, bunx, deno npm:)', 'PyPI (uvx, uv, pipx)', 'container image (docker / podman run)', 'NuGet (dnx)', 'Go module (go run)', 'anything else: matched by name only'],
      }),
    ),
    name: nonEmpty().check(described('Package name as the launcher gives it, e.g. "@modelcontextprotocol/server-filesystem", "mcp-server-fetch", "ghcr.io/github/github-mcp-server".')),
    versions: z.optional(
      nonEmpty().check(described('Approved versions: a semver range (npm, oci tags, nuget, go) or a PEP 440 specifier (pypi). Without it any version matches; with it a missing, `latest` or out-of-range version is not approved.')),
    ),
    digest: z.optional(
      z.string().check(
        z.regex(/^sha256:[0-9a-f]{64}$/i, 'must be a sha256:<64 hex> digest'),
        z.meta({ description: 'Only this image digest (oci).', patternErrorMessage: 'Must be sha256: followed by 64 hex digits.' }),
      ),
    ),
  })
  .check(
    described('A package this entry covers.'),
    z.superRefine((p, ctx) => {
      if (p.versions !== undefined && !isValidSpec(p.ecosystem, p.versions)) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions'],
          message: `"${p.versions}" is not a valid ${p.ecosystem === 'pypi' ? 'PEP 440 specifier' : 'semver range'}`,
        });
      }
    }),
  );

export const ServerEntrySchema = z
  .looseObject({
    id: nonEmpty().check(described('Unique id of the entry; `replacedBy` and reports refer to it.')),
    title: z.optional(z.string().check(described('Display name shown in messages, the hover and the view.'))),
    status: z.enum(STATUSES).check(
      z.meta({
        description: 'What the organization decided.',
        enumDescriptions: [
          'Allowed.',
          'Under review: a warning (pending-mcp) until decided.',
          'Not allowed: an error (rejected-mcp) with the reason.',
          'Allowed no longer: a warning (deprecated-mcp) naming the replacement.',
        ],
      }),
    ),
    match: z._default(
      z
        .looseObject({
          packages: z.optional(z.array(PackageMatchSchema).check(described('Packages behind launchers (npx, uvx, docker run, ...).'))),
          urls: z.optional(
            z.array(nonEmpty()).check(described('URL globs of remote servers: `*` within a host label or path segment, `**` across segments; scheme and host are case-insensitive.')),
          ),
          commands: z.optional(z.array(nonEmpty()).check(described('Path globs of local commands (minimatch; case-insensitive on Windows).'))),
        })
        .check(described('What a configured server must run to count as this entry. Any one rule matching is enough.')),
      {},
    ),
    gatewayUrl: z.optional(httpUrl('URL of this server behind the organization gateway: the "Route through the gateway" fix switches configs to it.')),
    replacedBy: z.optional(nonEmpty().check(described('Id of the entry to use instead (deprecated or rejected entries): offered by the "Switch to the approved server" fix.'))),
    reason: z.optional(z.string().check(described('Why: shown with the finding and in the hover.'))),
    owner: z.optional(z.unknown().check(described('Who owns or approved the entry (a string: team or email); shown in the hover.'))),
    approvedAt: z.optional(z.unknown().check(described('When it was decided (a string, e.g. 2026-05-01); shown in the hover.'))),
    /** pinned tool fingerprints (`mcp-gatekeeper inspect` prints them): sha256 of the canonical JSON of name, description, inputSchema */
    tools: z.optional(
      z
        .array(
          z.looseObject({
            name: nonEmpty().check(described('Tool name.')),
            sha256: z.string().check(
              z.regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (sha256)'),
              z.meta({ description: 'Fingerprint printed by `mcp-gatekeeper inspect`.', patternErrorMessage: 'Must be 64 hex digits.' }),
            ),
          }),
        )
        .check(described('Pinned tool fingerprints: a tool whose name, description or input schema changed gets tool-changed.')),
    ),
  })
  .check(described('One MCP server the organization has decided on. Extra fields are allowed and kept.'));

/** One inventory document's shape, without the checks that need the whole (merged) inventory. */
export const InventoryFileSchema = z.looseObject({
  $schema: z.optional(z.string().check(described('JSON Schema of this file (editor support only; ignored by MCP Gatekeeper).'))),
  schemaVersion: z.literal(1).check(described('Inventory format version: 1.')),
  organization: z.optional(z.string().check(described('Organization name, shown in messages ("not in the Acme inventory").'))),
  gateway: z.optional(
    z
      .looseObject({
        url: z.optional(httpUrl('Gateway base URL: any server at or under it is approved (it goes through the gateway).')),
        requestUrl: z.optional(requestTarget),
        /** `post`: JSON to requestUrl; `browser`: open requestUrl (a web form) with the fields as query parameters */
        requestMode: z.optional(
          z.enum(['post', 'browser']).check(
            z.meta({
              description: 'How approval requests are sent to requestUrl (default: browser for http(s)).',
              enumDescriptions: ['POST the request as JSON to an API.', 'Open requestUrl (a web form) with the fields as query parameters.'],
            }),
          ),
        ),
        requestForm: z.optional(
          z
            .looseObject({
              required: z.optional(z.array(z.string()).check(described(`Fields the request form requires: ${FIELD_KEYS.join(', ')}.`))),
            })
            .check(described('The approval request form.')),
        ),
        /** command template for clients that only run stdio servers; `{url}` in an argument becomes the gateway URL */
        stdioBridge: z.optional(
          z
            .looseObject({ command: nonEmpty().check(described('Bridge executable, e.g. npx.')), args: z.array(z.string()).check(described('Arguments; `{url}` becomes the gateway URL.')) })
            .check(described('Command template for clients that only run stdio servers (Claude Desktop): the gateway fix writes this command.')),
        ),
      })
      .check(described('The organization MCP gateway and where approval requests go.')),
  ),
  servers: z.array(ServerEntrySchema).check(described('The servers the organization has decided on.')),
}).check(described('The MCP servers an organization approved, is reviewing, rejected or deprecated, and its gateway. Extra fields are allowed and kept.'));

/** The inventory in force: unique ids, `replacedBy` pointing at existing entries, no `replacedBy` cycles. */
export const InventorySchema = InventoryFileSchema.check(
  z.superRefine((inv, ctx) => {
    const ids = new Map<string, number>();
    inv.servers.forEach((s, i) => {
      const seen = ids.get(s.id);
      if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['servers', i, 'id'], message: `duplicate id "${s.id}" (also servers[${seen}])` });
      else ids.set(s.id, i);
    });
    inv.servers.forEach((s, i) => {
      if (s.replacedBy === undefined) return;
      if (!ids.has(s.replacedBy)) {
        ctx.addIssue({ code: 'custom', path: ['servers', i, 'replacedBy'], message: `refers to unknown id "${s.replacedBy}"` });
        return;
      }
      const chain = [s.id];
      for (let next: string | undefined = s.replacedBy; next !== undefined; next = inv.servers[ids.get(next)!]?.replacedBy) {
        if (chain.includes(next)) {
          ctx.addIssue({ code: 'custom', path: ['servers', i, 'replacedBy'], message: `replacedBy cycle: ${[...chain, next].join(' -> ')}` });
          return;
        }
        chain.push(next);
        if (!ids.has(next)) return;
      }
    });
  }),
);

export type Inventory = z.output<typeof InventorySchema>;
export type InventoryServer = z.output<typeof ServerEntrySchema>;
export type PackageMatch = z.output<typeof PackageMatchSchema>;
export type InventoryStatus = (typeof STATUSES)[number];
