// Inventory format v1, validated with zod. Extra fields are allowed and kept (admins annotate entries).
import * as z from '../zod';
import { isValidSpec } from './versions';

export const ECOSYSTEMS = ['npm', 'pypi', 'oci', 'nuget', 'go', 'other'] as const;
export const STATUSES = ['approved', 'pending', 'rejected', 'deprecated'] as const;

const httpUrl = z.string().check(z.regex(/^https?:\/\/[^\s/]+/i, 'must be an http(s) URL'));
const nonEmpty = () => z.string().check(z.minLength(1));
/** where approval requests go: a web form or API (http(s)), or an address (mailto:) */
const requestTarget = z.string().check(z.regex(/^(https?:\/\/[^\s/]+|mailto:[^\s@]+@[^\s@]+)/i, 'must be an http(s) or mailto: URL'));

export const PackageMatchSchema = z
  .looseObject({
    ecosystem: z.enum(ECOSYSTEMS),
    name: nonEmpty(),
    versions: z.optional(nonEmpty()),
    digest: z.optional(z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/i, 'must be a sha256:<64 hex> digest'))),
  })
  .check(z.superRefine((p, ctx) => {
    if (p.versions !== undefined && !isValidSpec(p.ecosystem, p.versions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['versions'],
        message: `"${p.versions}" is not a valid ${p.ecosystem === 'pypi' ? 'PEP 440 specifier' : 'semver range'}`,
      });
    }
  }));

export const ServerEntrySchema = z.looseObject({
  id: nonEmpty(),
  title: z.optional(z.string()),
  status: z.enum(STATUSES),
  match: z._default(
    z.looseObject({
      packages: z.optional(z.array(PackageMatchSchema)),
      urls: z.optional(z.array(nonEmpty())),
      commands: z.optional(z.array(nonEmpty())),
    }),
    {},
  ),
  gatewayUrl: z.optional(httpUrl),
  replacedBy: z.optional(nonEmpty()),
  reason: z.optional(z.string()),
  /** pinned tool fingerprints (`mcp-gatekeeper inspect` prints them): sha256 of the canonical JSON of name, description, inputSchema */
  tools: z.optional(z.array(z.looseObject({ name: nonEmpty(), sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (sha256)')) }))),
});

/** One inventory document's shape, without the checks that need the whole (merged) inventory. */
export const InventoryFileSchema = z.looseObject({
  schemaVersion: z.literal(1),
  organization: z.optional(z.string()),
  gateway: z.optional(
    z.looseObject({
      url: z.optional(httpUrl),
      requestUrl: z.optional(requestTarget),
      /** `post`: JSON to requestUrl; `browser`: open requestUrl (a web form) with the fields as query parameters */
      requestMode: z.optional(z.enum(['post', 'browser'])),
      requestForm: z.optional(z.looseObject({ required: z.optional(z.array(z.string())) })),
      /** command template for clients that only run stdio servers; `{url}` in an argument becomes the gateway URL */
      stdioBridge: z.optional(z.looseObject({ command: nonEmpty(), args: z.array(z.string()) })),
    }),
  ),
  servers: z.array(ServerEntrySchema),
});

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
