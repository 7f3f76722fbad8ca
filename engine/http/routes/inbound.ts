import { Router } from 'express';
import { receiveWebhook, type InboundDeps } from '../../inbound/index.js';
import { bearerToken, jsonBody } from '../middleware.js';

/** Secret-token forms accepted from platforms that do not document how they send it (Orufy). */
function presentedSecrets(req: import('express').Request): string[] {
  const candidates = [
    bearerToken(req.get('authorization')),
    req.get('x-secret-token'),
    req.get('x-webhook-secret'),
    typeof req.query.secret === 'string' ? req.query.secret : undefined,
  ];
  return candidates.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

export function inboundRoutes(deps: InboundDeps): Router {
  const router = Router();
  router.post('/in/:provider/:token', jsonBody(), async (req, res) => {
    const { event, duplicate } = await receiveWebhook(deps, {
      provider: String(req.params.provider),
      token: String(req.params.token),
      presentedSecrets: presentedSecrets(req),
      payload: req.body,
    });
    res.status(202).json({ status: 'accepted', eventId: event.id, type: event.type, duplicate });
  });
  return router;
}
