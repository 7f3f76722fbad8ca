import { CanonicalEventSchema, type CanonicalEvent, type Provider } from '../events/schema.js';
import { appointletAdapter } from './appointlet.js';
import { calstudioAdapter } from './calstudio.js';
import { orufyAdapter } from './orufy.js';
import { setterAdapter } from './setter.js';
import type { NormalizeContext, SourceAdapter } from './types.js';

export type { NormalizeContext, SourceAdapter } from './types.js';

export const adapters: Record<Provider, SourceAdapter> = {
  setter: setterAdapter,
  orufy: orufyAdapter,
  appointlet: appointletAdapter,
  calstudio: calstudioAdapter,
};

/** One webhook body as a canonical event; the schema is the contract every adapter must meet. */
export function normalizeWebhook(provider: Provider, payload: Record<string, unknown>, context: NormalizeContext): CanonicalEvent {
  return CanonicalEventSchema.parse(adapters[provider].normalize(payload, context));
}
