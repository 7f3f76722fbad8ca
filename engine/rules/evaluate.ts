import { evaluateExpression, ExpressionError, toPlainJson } from '../mapping/index.js';
import type { CanonicalEvent } from '../events/schema.js';
import type { Rule } from './schema.js';

/** A natural-language verdict on one rule's prompt. */
export interface ConditionVerdict {
  matched: boolean;
  confidence: number;
  reason: string;
  evaluator: 'llm' | 'local';
  error?: string;
}

/** Judges all prompts that apply to one event together (one LLM call). */
export type JudgePrompts = (prompts: { id: string; text: string }[], event: CanonicalEvent) => Promise<Map<string, ConditionVerdict>>;

export interface RuleOutcome {
  ruleId: string;
  matched: boolean;
  /** Why, in words a user reads in the rule test API and the logs. */
  reason: string;
  /** The mapped body, for a matched rule without a prompt (or a rule delivering its condition event). */
  body?: unknown;
  /** The verdict, for a prompt rule that was judged. */
  verdict?: ConditionVerdict;
  /** The `once` key this match consumes. */
  onceKey?: string;
  /** An expression or evaluator failure: the rule failed closed for this event. */
  error?: string;
}

export interface EvaluateDeps {
  /** Without a judge, prompt rules are not dispatched. */
  judge?: JudgePrompts;
  isOnceKeyUsed: (key: string) => boolean;
}

/** JSONata truthiness: empty sequences, empty strings, zero, null and false are false. */
function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isTruthy);
  return Boolean(value);
}

/** The identity `once` counts by; undefined when the event has none (then the rule fires each time). */
export function onceKey(rule: Rule, event: CanonicalEvent): string | undefined {
  const contact = event.contact.email?.toLowerCase() ?? event.contact.phoneE164 ?? event.contact.whatsappId ?? event.contact.phoneRaw;
  if (rule.once === 'per-contact') return contact && `${rule.id}|contact|${contact}`;
  if (rule.once === 'per-conversation') {
    const conversation = event.conversation?.id ?? (contact && `${contact}|${event.conversation?.botId ?? event.conversation?.appName ?? ''}`);
    return conversation && `${rule.id}|conversation|${event.source.provider}|${conversation}`;
  }
  return undefined;
}

export async function mapEvent(rule: Rule, event: CanonicalEvent): Promise<unknown> {
  if (!rule.mapping) return event;
  const mapped = toPlainJson(await evaluateExpression(rule.mapping, event));
  if (mapped === undefined) throw new ExpressionError('mapping produced no value for this event', 'empty_mapping');
  return mapped;
}

/** A mapping that fails makes the rule fail closed for this event, saying why. */
export async function mappedOutcome(rule: Rule, event: CanonicalEvent, matched: RuleOutcome): Promise<RuleOutcome> {
  try {
    return { ...matched, body: await mapEvent(rule, event) };
  } catch (error) {
    const message = `mapping: ${(error as Error).message}`;
    return { ...matched, matched: false, reason: `not matched — ${message}`, error: message, onceKey: undefined, body: undefined };
  }
}

/**
 * Runs the rules on one event: each `when` first (free), then all surviving prompts in one
 * judge call, then the mappings. Every failure fails closed for that rule and says why.
 */
export async function evaluateRules(event: CanonicalEvent, rules: Rule[], deps: EvaluateDeps): Promise<RuleOutcome[]> {
  const outcomes = new Map<string, RuleOutcome>();
  const prompted: Rule[] = [];
  for (const rule of rules) {
    if (rule.when) {
      try {
        if (!isTruthy(await evaluateExpression(rule.when, event))) {
          outcomes.set(rule.id, { ruleId: rule.id, matched: false, reason: 'its `when` condition is false for this event' });
          continue;
        }
      } catch (error) {
        const message = `when: ${(error as Error).message}`;
        outcomes.set(rule.id, { ruleId: rule.id, matched: false, reason: `not matched — ${message}`, error: message });
        continue;
      }
    }
    const key = onceKey(rule, event);
    if (key && deps.isOnceKeyUsed(key)) {
      outcomes.set(rule.id, { ruleId: rule.id, matched: false, reason: `already fired once ${rule.once} (${rule.once === 'per-contact' ? 'this contact' : 'this conversation'})` });
      continue;
    }
    if (rule.prompt) {
      if (deps.judge) prompted.push(rule);
      else outcomes.set(rule.id, { ruleId: rule.id, matched: false, reason: 'not dispatched: its prompt needs a condition evaluator' });
      continue;
    }
    outcomes.set(rule.id, { ruleId: rule.id, matched: true, reason: rule.when ? 'its `when` condition is true' : `every ${event.type} event matches`, onceKey: key });
  }

  if (prompted.length && deps.judge) {
    const verdicts = await deps.judge(prompted.map((rule) => ({ id: rule.id, text: rule.prompt! })), event);
    for (const rule of prompted) {
      const verdict = verdicts.get(rule.id);
      if (!verdict) {
        outcomes.set(rule.id, { ruleId: rule.id, matched: false, reason: 'not matched — evaluator error: no verdict', error: 'no verdict' });
      } else {
        outcomes.set(rule.id, {
          ruleId: rule.id,
          matched: verdict.matched,
          reason: verdict.error ? `not matched — evaluator error: ${verdict.error}` : verdict.reason,
          verdict,
          onceKey: verdict.matched ? onceKey(rule, event) : undefined,
          error: verdict.error,
        });
      }
    }
  }

  for (const rule of rules) {
    const outcome = outcomes.get(rule.id)!;
    if (outcome.matched && !rule.prompt) outcomes.set(rule.id, await mappedOutcome(rule, event, outcome));
  }
  return rules.map((rule) => outcomes.get(rule.id)!);
}
