import { z } from 'zod';
import { EventTypeSchema } from '../events/schema.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' });

/** Header names we set ourselves; a rule may not override them. */
const RESERVED_HEADERS = ['content-type', 'content-length', 'host', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];

export const DestinationSchema = z.object({
  url: httpUrl,
  /** Standard Webhooks secret (`whsec_` + base64); generated when omitted. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be a Standard Webhooks secret: whsec_ followed by base64')
    .optional(),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes'), z.string().max(4096))
    .refine((headers) => !Object.keys(headers).some((name) => RESERVED_HEADERS.includes(name.toLowerCase())), {
      message: `may not set ${RESERVED_HEADERS.join(', ')}`,
    })
    .optional(),
});

export const OnceSchema = z.enum(['always', 'per-conversation', 'per-contact']);

/** What a user writes: the rule as data. Version 1 of the rule schema. */
export const RuleInputSchema = z.object({
  version: z.literal(1).default(1),
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  on: z.array(EventTypeSchema).min(1, 'must name at least one event type'),
  when: z.string().trim().min(1).max(10_000).optional(),
  prompt: z.string().trim().min(3).max(2_000).optional(),
  once: OnceSchema.optional(),
  mapping: z.string().trim().min(1).max(50_000).optional(),
  destination: DestinationSchema,
});
export type RuleInput = z.infer<typeof RuleInputSchema>;

export const RuleOriginSchema = z.enum(['api', 'hook', 'file']);

export const RuleSchema = RuleInputSchema.extend({
  id: z.string(),
  organizationId: z.number().int(),
  origin: RuleOriginSchema,
  /** For file rules, the file it was loaded from. */
  file: z.string().optional(),
  destination: DestinationSchema.extend({ secret: DestinationSchema.shape.secret.unwrap() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RulePatchSchema = RuleInputSchema.omit({ version: true }).partial().strict();
export type RulePatch = z.infer<typeof RulePatchSchema>;

/** A rule file in rules/: a rule with its own id, for organization 1 unless it says otherwise. */
export const RuleFileSchema = RuleInputSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes'),
  organizationId: z.number().int().positive().default(1),
});

/** The REST-hook subscription Zapier's performSubscribe sends: a rule in compact form. */
export const HookInputSchema = z.object({
  event: EventTypeSchema,
  targetUrl: httpUrl,
  /** For `condition.matched`: the events the prompt is judged on. */
  on: z.array(EventTypeSchema).min(1).optional(),
  when: RuleInputSchema.shape.when,
  prompt: RuleInputSchema.shape.prompt,
  once: OnceSchema.optional(),
  mapping: RuleInputSchema.shape.mapping,
  name: z.string().trim().min(1).max(200).optional(),
});
export type HookInput = z.infer<typeof HookInputSchema>;
