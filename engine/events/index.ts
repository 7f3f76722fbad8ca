export * from './schema.js';
export { deriveEventId } from './id.js';
export { contactPhoneToE164, leadPhoneToE164, type PhoneHints } from './phone.js';
