import { randomBytes } from 'node:crypto';
import { ApiError, notFound } from '../http/errors.js';
import { compileExpression, ExpressionError } from '../mapping/index.js';
import { DestinationRefused, DestinationUnresolved, type DestinationGuard } from '../dispatch/destination-guard.js';
import { EVENT_TYPES, type EventType } from '../events/schema.js';
import type { Store } from '../store/index.js';
import { RuleFileError, type RuleFile } from './files.js';
import { RuleSchema, type HookInput, type Rule, type RuleInput, type RulePatch } from './schema.js';

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const newRuleId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;

/** Event types a catch-all receives: everything except what triggers nothing. */
const CATCH_ALL_TYPES = EVENT_TYPES.filter((type) => type !== 'source.unrecognized');
export const CATCH_ALL_RULE_ID = 'organization-webhook-url';

export interface RuleStats {
  matched: number;
  notMatched: number;
  errors: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastMatchedAt: string | null;
}

/** Source events a Custom Condition is judged on unless the subscription says otherwise. */
export const DEFAULT_CONDITION_EVENTS: EventType[] = ['message.sent', 'conversation.ended'];

export interface RuleBookDeps {
  store: Store;
  now: () => Date;
  guard: DestinationGuard;
  fileRules: RuleFile[];
  /** Whether the configured condition evaluator can judge a prompt; rules it cannot judge get a warning. */
  canJudge?: (prompt: string) => boolean;
}

/** Compiles a rule's expressions; a syntax error is a 400 naming the field and position. */
function checkExpressions(rule: Pick<RuleInput, 'when' | 'mapping'>): void {
  for (const field of ['when', 'mapping'] as const) {
    const text = rule[field];
    if (!text) continue;
    try {
      compileExpression(text);
    } catch (error) {
      const { message, position, token } = error as ExpressionError;
      throw new ApiError(400, 'invalid_expression', `${field}: ${message}`, { field, position, token });
    }
  }
}

/**
 * Every rule of every organization, held in memory for the hot path: rule files (read-only),
 * rules created through the API and REST hooks (stored), and the organization's webhookUrl.
 */
export class RuleBook {
  private readonly rules = new Map<string, Rule>();
  private readonly counters = new Map<string, RuleStats>();

  private constructor(private readonly deps: RuleBookDeps) {}

  static async open(deps: RuleBookDeps): Promise<RuleBook> {
    const book = new RuleBook(deps);
    for (const rule of await deps.store.rules.list()) book.rules.set(rule.id, rule);
    const loadedAt = deps.now().toISOString();
    for (const { file, ...input } of deps.fileRules) {
      const secret = input.destination.secret ?? (await deps.store.rules.secretFor(input.id, newWebhookSecret));
      checkExpressionsOfFile(file, input);
      book.rules.set(input.id, {
        ...input,
        origin: 'file',
        file,
        destination: { ...input.destination, secret },
        createdAt: loadedAt,
        updatedAt: loadedAt,
      });
    }
    return book;
  }

  list(organizationId: number): Rule[] {
    return [...this.rules.values()].filter((rule) => rule.organizationId === organizationId);
  }

  get(organizationId: number, id: string): Rule | undefined {
    const rule = this.rules.get(id);
    return rule?.organizationId === organizationId ? rule : undefined;
  }

  /** Enabled rules on this event type, plus the organization's webhookUrl as a catch-all. */
  async applicable(organizationId: number, type: EventType): Promise<Rule[]> {
    const rules = [...this.rules.values()].filter(
      (rule) => rule.organizationId === organizationId && rule.enabled && rule.on.includes(type),
    );
    const catchAll = await this.catchAll(organizationId);
    if (catchAll && catchAll.on.includes(type)) rules.push(catchAll);
    return rules;
  }

  /** The rule a delivery was made for, including the catch-all; undefined once it is gone. */
  async forDelivery(organizationId: number, ruleId: string): Promise<Rule | undefined> {
    if (ruleId === CATCH_ALL_RULE_ID) return this.catchAll(organizationId);
    return this.get(organizationId, ruleId);
  }

  private async catchAll(organizationId: number): Promise<Rule | undefined> {
    const organization = await this.deps.store.organizations.get(organizationId);
    const url = organization?.settings.webhookUrl;
    if (!organization || !url) return undefined;
    let secret = organization.settings.webhookSecret;
    if (!secret) {
      secret = newWebhookSecret();
      await this.deps.store.organizations.updateSettings(organizationId, { webhookSecret: secret });
    }
    return {
      version: 1,
      id: CATCH_ALL_RULE_ID,
      organizationId,
      origin: 'api',
      name: 'Organization webhook URL (every event)',
      enabled: true,
      on: CATCH_ALL_TYPES,
      destination: { url, secret },
      createdAt: organization.createdAt,
      updatedAt: organization.createdAt,
    };
  }

  /** Counts what the rule did since start; evaluation errors are recorded against the rule. */
  noteOutcome(ruleId: string, outcome: { matched: boolean; error?: string }, at: Date): void {
    let stats = this.counters.get(ruleId);
    if (!stats) {
      stats = { matched: 0, notMatched: 0, errors: 0, lastError: null, lastErrorAt: null, lastMatchedAt: null };
      this.counters.set(ruleId, stats);
    }
    if (outcome.matched) {
      stats.matched++;
      stats.lastMatchedAt = at.toISOString();
    } else {
      stats.notMatched++;
    }
    if (outcome.error) {
      stats.errors++;
      stats.lastError = outcome.error;
      stats.lastErrorAt = at.toISOString();
    }
  }

  stats(ruleId: string): RuleStats | undefined {
    return this.counters.get(ruleId);
  }

  /** Problems worth telling the author of a rule that is otherwise valid. */
  warnings(rule: Pick<Rule, 'prompt'>): string[] {
    if (rule.prompt && this.deps.canJudge && !this.deps.canJudge(rule.prompt)) {
      return ['prompt: the local condition evaluator cannot judge this condition and will never match it — configure an LLM (OPENAI_API_KEY or LLM_BASE_URL) or rephrase it as one of the supported families'];
    }
    return [];
  }

  /** Refuses a destination the guard does not allow, as a 422 naming the field. */
  async checkDestination(url: string, field = 'destination.url'): Promise<void> {
    try {
      await this.deps.guard.check(url);
    } catch (error) {
      if (error instanceof DestinationRefused || error instanceof DestinationUnresolved) {
        throw new ApiError(422, 'destination_refused', `${field}: ${error.message}`);
      }
      throw error;
    }
  }

  async create(organizationId: number, input: RuleInput, origin: 'api' | 'hook' = 'api'): Promise<Rule> {
    checkExpressions(input);
    await this.checkDestination(input.destination.url);
    const at = this.deps.now().toISOString();
    const rule = RuleSchema.parse({
      ...input,
      once: input.once ?? (input.prompt ? 'per-conversation' : 'always'),
      id: newRuleId(origin === 'hook' ? 'hook' : 'rul'),
      organizationId,
      origin,
      destination: { ...input.destination, secret: input.destination.secret ?? newWebhookSecret() },
      createdAt: at,
      updatedAt: at,
    });
    await this.deps.store.rules.put(rule);
    this.rules.set(rule.id, rule);
    return rule;
  }

  /** A REST-hook subscription (Zapier's performSubscribe) is a rule whose destination is the target URL. */
  createHook(organizationId: number, hook: HookInput): Promise<Rule> {
    const isCondition = hook.event === 'condition.matched';
    if (isCondition && !hook.prompt) {
      throw new ApiError(400, 'invalid_request', 'prompt: a condition.matched hook needs the condition in plain English');
    }
    return this.create(
      organizationId,
      {
        version: 1,
        name: hook.name ?? (isCondition ? `Zapier: ${hook.prompt}` : `Zapier: ${hook.event}`),
        enabled: true,
        on: hook.on ?? (isCondition ? DEFAULT_CONDITION_EVENTS : [hook.event]),
        when: hook.when,
        prompt: hook.prompt,
        once: hook.once,
        mapping: hook.mapping,
        destination: { url: hook.targetUrl },
      },
      'hook',
    );
  }

  async update(organizationId: number, id: string, patch: RulePatch): Promise<Rule> {
    const rule = this.editable(organizationId, id);
    const next = RuleSchema.parse({
      ...rule,
      ...patch,
      destination: patch.destination ? { ...patch.destination, secret: patch.destination.secret ?? rule.destination.secret } : rule.destination,
      updatedAt: this.deps.now().toISOString(),
    });
    checkExpressions(next);
    if (patch.destination) await this.checkDestination(next.destination.url);
    if (!this.rules.has(id)) throw notFound(`rule ${id}`);
    await this.deps.store.rules.put(next);
    if (!this.rules.has(id)) {
      // Deleted while this update was being written: the deletion wins.
      await this.deps.store.rules.remove(id);
      throw notFound(`rule ${id}`);
    }
    this.rules.set(id, next);
    return next;
  }

  /** Removes the rule and ends its pending deliveries. */
  async remove(organizationId: number, id: string): Promise<void> {
    this.editable(organizationId, id);
    this.rules.delete(id);
    await this.deps.store.rules.remove(id);
    await this.deps.store.outbox.cancelForRule(organizationId, id, this.deps.now());
  }

  private editable(organizationId: number, id: string): Rule {
    const rule = this.get(organizationId, id);
    if (!rule) throw notFound(`rule ${id}`);
    if (rule.origin === 'file') {
      throw new ApiError(409, 'rule_is_file', `rule ${id} is defined in ${rule.file}; edit the file and restart the engine`);
    }
    return rule;
  }
}

function checkExpressionsOfFile(file: string, rule: Pick<RuleInput, 'when' | 'mapping'>): void {
  try {
    checkExpressions(rule);
  } catch (error) {
    throw new RuleFileError(`${file}: ${(error as Error).message}`);
  }
}
