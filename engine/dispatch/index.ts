export { createWorker, type Worker } from './worker.js';
export { createSender, signatureHeaders, type Sender } from './sender.js';
export { destinationGuard, isBlockedAddress, DestinationRefused, DestinationUnresolved, type DestinationGuard } from './destination-guard.js';
export { nextStep, parseRetryAfter, DEFAULT_RETRY_POLICY, type AttemptOutcome, type NextStep, type RetryPolicy } from './retry.js';
