import { Router } from 'express';
import { conditionUsage, evaluateConditions, EvaluateConditionsRequestSchema, type ConditionEvaluator, type UsageMeter } from '../../conditions/index.js';
import { validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

/** The prompt playground and the LLM spend, for the authenticated /api/v1 router. */
export function conditionRoutes(evaluator: ConditionEvaluator, usage: UsageMeter): Router {
  const router = Router();
  router.post('/conditions/evaluate', jsonBody(), async (req, res) => {
    const body = EvaluateConditionsRequestSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json(await evaluateConditions(evaluator, body.data));
  });
  router.get('/conditions/usage', (_req, res) => {
    res.json(conditionUsage(evaluator, usage));
  });
  return router;
}
