import { Router } from 'express';
import { z } from 'zod';
import { CanonicalEventSchema } from '../../events/schema.js';
import { HookInputSchema, RuleInputSchema, RulePatchSchema, type Rule, type RuleBook } from '../../rules/index.js';
import type { Pipeline } from '../../pipeline/index.js';
import type { Store } from '../../store/index.js';
import { ApiError, notFound, validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

const RuleTestBody = z.union([
  z.object({ event: CanonicalEventSchema.omit({ organizationId: true }).extend({ organizationId: z.number().int().optional() }) }),
  z.object({ eventId: z.string().min(1) }),
  z.object({}).strict(),
]);

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function ruleRoutes(deps: { store: Store; rules: RuleBook; pipeline: Pipeline }): Router {
  const { store, rules, pipeline } = deps;
  const router = Router();
  const view = (rule: Rule) => ({ ...rule, stats: rules.stats(rule.id) ?? null, warnings: rules.warnings(rule) });
  const ruleOf = (organizationId: number, id: string) => {
    const rule = rules.get(organizationId, id);
    if (!rule) throw notFound(`rule ${id}`);
    return rule;
  };

  router.get('/rules', (req, res) => {
    res.json(rules.list(req.organization!.id).map(view));
  });
  router.post('/rules', jsonBody(), async (req, res) => {
    const rule = await rules.create(req.organization!.id, parse(RuleInputSchema, req.body));
    res.status(201).json(view(rule));
  });
  router.get('/rules/:id', (req, res) => {
    res.json(view(ruleOf(req.organization!.id, String(req.params.id))));
  });
  router.patch('/rules/:id', jsonBody(), async (req, res) => {
    res.json(view(await rules.update(req.organization!.id, String(req.params.id), parse(RulePatchSchema, req.body))));
  });
  router.delete('/rules/:id', async (req, res) => {
    await rules.remove(req.organization!.id, String(req.params.id));
    res.status(204).end();
  });

  // Dry run by default; `?send=true` queues one real delivery of the result.
  router.post('/rules/:id/test', jsonBody(), async (req, res) => {
    const organizationId = req.organization!.id;
    const rule = ruleOf(organizationId, String(req.params.id));
    const body = parse(RuleTestBody, req.body);
    let event;
    if ('event' in body) event = { ...body.event, organizationId };
    else if ('eventId' in body) event = await store.events.get(organizationId, body.eventId);
    else {
      for (const type of rule.on) {
        [event] = await store.events.list(organizationId, { type, limit: 1 });
        if (event) break;
      }
    }
    if (!event) {
      throw new ApiError(422, 'no_event', `eventId: no stored ${rule.on.join(' or ')} event to test with; pass "event" or "eventId"`);
    }
    const outcome = await pipeline.dryRun(rule, event);
    const sent = req.query.send === 'true' ? await pipeline.sendSample(rule, event) : undefined;
    res.json({
      ruleId: rule.id,
      eventId: event.id,
      matched: outcome.matched,
      reason: outcome.reason,
      body: outcome.body ?? null,
      error: outcome.error ?? null,
      verdict: outcome.verdict ?? null,
      ...(sent ? { deliveryId: sent } : {}),
    });
  });

  router.post('/hooks', jsonBody(), async (req, res) => {
    const hook = parse(HookInputSchema, req.body);
    const rule = await rules.createHook(req.organization!.id, hook);
    res.status(201).json({ id: rule.id, event: hook.event, targetUrl: rule.destination.url, rule: view(rule) });
  });
  const hookOf = (organizationId: number, id: string) => {
    const rule = rules.get(organizationId, id);
    if (!rule || rule.origin !== 'hook') throw notFound(`hook ${id}`);
    return rule;
  };
  router.get('/hooks/:id', (req, res) => {
    const rule = hookOf(req.organization!.id, String(req.params.id));
    res.json({ id: rule.id, targetUrl: rule.destination.url, rule: view(rule) });
  });
  router.delete('/hooks/:id', async (req, res) => {
    const rule = hookOf(req.organization!.id, String(req.params.id));
    await rules.remove(req.organization!.id, rule.id);
    res.status(204).end();
  });
  return router;
}
