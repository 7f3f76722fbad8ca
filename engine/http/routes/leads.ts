import { Router } from 'express';
import { evaluateEventFilterRequest, leadEventsOfPhone, receiveLeadEvents, type IngestDeps } from '../../leads/index.js';
import { bearerToken, jsonBody } from '../middleware.js';

/**
 * POST /api/v1/webhooks/lead-events: mounted before the API-key router, because an organization
 * may authenticate it with an HMAC signature of the raw body instead of a key.
 */
export function leadEventsWebhookRoutes(deps: IngestDeps): Router {
  const router = Router();
  router.post('/api/v1/webhooks/lead-events', jsonBody(), async (req, res) => {
    const body = req.body as { organizationId?: unknown } | undefined;
    res.json(
      await receiveLeadEvents(deps, {
        apiKey: bearerToken(req.get('authorization')),
        signature: req.get('x-setter-signature'),
        rawBody: req.rawBody ?? Buffer.alloc(0),
        claimedOrganizationId: body?.organizationId,
        body,
      }),
    );
  });
  return router;
}

/** The event filter and lead lookup, behind the API-key router. */
export function leadRoutes(deps: IngestDeps): Router {
  const router = Router();
  router.post('/event-filter/evaluate', jsonBody(), async (req, res) => {
    res.json(await evaluateEventFilterRequest(deps, req.organization!, req.body));
  });
  router.get('/leads/:phone/events', async (req, res) => {
    res.json(await leadEventsOfPhone(deps, req.organization!.id, String(req.params.phone), req.query));
  });
  return router;
}
