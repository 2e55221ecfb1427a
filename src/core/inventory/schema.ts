// Inventory format v1, validated with zod. Extra fields are allowed and kept (admins annotate entries).
import { z } from 'zod';
import { isValidSpec } from './versions';

export const ECOSYSTEMS = ['npm', 'pypi', 'oci', 'nuget', 'go', 'other'] as const;
export const STATUSES = ['approved', 'pending', 'rejected', 'deprecated'] as const;

const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+/i, 'must be an http(s) URL');

export const PackageMatchSchema = z
  .looseObject({
    ecosystem: z.enum(ECOSYSTEMS),
    name: z.string().min(1),
    versions: z.string().min(1).optional(),
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/i, 'must be a sha256:<64 hex> digest').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.versions !== undefined && !isValidSpec(p.ecosystem, p.versions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['versions'],
        message: `"${p.versions}" is not a valid ${p.ecosystem === 'pypi' ? 'PEP 440 specifier' : 'semver range'}`,
      });
    }
  });

export const ServerEntrySchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().optional(),
  status: z.enum(STATUSES),
  match: z
    .looseObject({
      packages: z.array(PackageMatchSchema).optional(),
      urls: z.array(z.string().min(1)).optional(),
      commands: z.array(z.string().min(1)).optional(),
    })
    .default({}),
  gatewayUrl: httpUrl.optional(),
  replacedBy: z.string().min(1).optional(),
  reason: z.string().optional(),
});

export const InventorySchema = z
  .looseObject({
    schemaVersion: z.literal(1),
    organization: z.string().optional(),
    gateway: z
      .looseObject({
        url: httpUrl.optional(),
        requestUrl: httpUrl.optional(),
      })
      .optional(),
    servers: z.array(ServerEntrySchema),
  })
  .superRefine((inv, ctx) => {
    const ids = new Map<string, number>();
    inv.servers.forEach((s, i) => {
      const seen = ids.get(s.id);
      if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['servers', i, 'id'], message: `duplicate id "${s.id}" (also servers[${seen}])` });
      else ids.set(s.id, i);
    });
    inv.servers.forEach((s, i) => {
      if (s.replacedBy !== undefined && !ids.has(s.replacedBy)) {
        ctx.addIssue({ code: 'custom', path: ['servers', i, 'replacedBy'], message: `refers to unknown id "${s.replacedBy}"` });
      }
    });
  });

export type Inventory = z.infer<typeof InventorySchema>;
export type InventoryServer = z.infer<typeof ServerEntrySchema>;
export type PackageMatch = z.infer<typeof PackageMatchSchema>;
export type InventoryStatus = (typeof STATUSES)[number];
