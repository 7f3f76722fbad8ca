import { z } from 'zod';

/** Every canonical event type. Names are stable API: Zapier triggers and rules refer to them. */
export const EVENT_TYPES = [
  'meeting.booked',
  'meeting.canceled',
  'meeting.rescheduled',
  'meeting.approved',
  'meeting.declined',
  'meeting.tagged',
  'meeting.untagged',
  'meeting.no_show',
  'attendee.approved',
  'attendee.canceled',
  'attendee.declined',
  'attendee.reminded',
  'attendee.scheduled',
  'appointment.booked',
  'conversation.inactive',
  'conversation.ended',
  'message.sent',
  'user.signup',
  'condition.matched',
  'source.unrecognized',
] as const;

export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

export const PROVIDERS = ['setter', 'orufy', 'appointlet', 'calstudio'] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

const isoInstant = z.iso.datetime({ offset: true });

export const PersonSchema = z.object({
  id: z.string().optional(),
  email: z.string().optional(),
  fullName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  timeZone: z.string().optional(),
  status: z.string().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const ContactSchema = z.object({
  email: z.string().optional(),
  phoneE164: z.string().optional(),
  /** The phone exactly as the source sent it, kept so an unparseable number loses nothing. */
  phoneRaw: z.string().optional(),
  whatsappId: z.string().optional(),
  fullName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  timeZone: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const MeetingSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  start: isoInstant.optional(),
  end: isoInstant.optional(),
  startInTz: z.string().optional(),
  timeZone: z.string().optional(),
  durationMinutes: z.number().optional(),
  status: z.string().optional(),
  location: z.string().optional(),
  conferenceUrl: z.string().optional(),
  hosts: z.array(PersonSchema),
  attendees: z.array(PersonSchema),
  previousMeetingId: z.string().optional(),
  cancellation: z.record(z.string(), z.unknown()).optional(),
  payment: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const ConversationSchema = z.object({
  id: z.string().optional(),
  transcript: z.string().optional(),
  lastMessage: z.string().optional(),
  response: z.string().optional(),
  lastUserMessageAt: isoInstant.optional(),
  inactiveFor: z.string().optional(),
  statusTags: z.array(z.string()).optional(),
  botId: z.number().optional(),
  botIntegrationId: z.number().optional(),
  appName: z.string().optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConditionSchema = z.object({
  ruleId: z.string(),
  prompt: z.string(),
  matched: z.literal(true),
  reason: z.string(),
  evaluator: z.enum(['llm', 'local']),
  confidence: z.number().optional(),
  triggeredBy: z.string().optional(),
});

export const CanonicalEventSchema = z.object({
  id: z.string(),
  type: EventTypeSchema,
  occurredAt: isoInstant,
  receivedAt: isoInstant,
  organizationId: z.number().int(),
  source: z.object({ provider: z.enum([...PROVIDERS, 'engine']), action: z.string() }),
  contact: ContactSchema,
  meeting: MeetingSchema.optional(),
  conversation: ConversationSchema.optional(),
  condition: ConditionSchema.optional(),
  raw: z.unknown(),
});
export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;
