export { receiveLeadEvents, ingestLeadEvents, parseLeadEventRow, type IngestDeps, type IngestResult, type LeadEventReject, type RejectReason } from './ingest.js';
export { authenticateLeadEvents, verifySignature } from './authenticate.js';
export { evaluateEventFilterRequest, evaluateEventFilters, type Evaluation } from './filter.js';
export { leadEventsOfPhone, type PhoneEvents } from './lookup.js';
export { createSigningKey, listSigningKeys, deleteSigningKey, MAX_SIGNING_KEYS, type SigningKeyView } from './signing-keys.js';
export * from './schema.js';
