export { RuleBook, CATCH_ALL_RULE_ID, DEFAULT_CONDITION_EVENTS, newWebhookSecret, type RuleStats } from './book.js';
export { readRuleFiles, RuleFileError } from './files.js';
export { evaluateRules, mapEvent, mappedOutcome, onceKey, type ConditionVerdict, type JudgePrompts, type RuleOutcome } from './evaluate.js';
export * from './schema.js';
