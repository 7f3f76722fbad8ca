import { Router } from 'express';
import { z } from 'zod';
import type { Organization, Store } from '../../store/index.js';
import { newWebhookSecret, type RuleBook } from '../../rules/index.js';
import { validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

/** Fields absent from the body keep their value; unknown fields are refused so typos do not pass silently. */
const SettingsUpdate = z.strictObject({
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' })
    .max(2048)
    .nullable()
    .optional(),
  inboundAuth: z.enum(['apiKey', 'hmac']).optional(),
});

const settingsView = ({ settings }: Organization) => ({
  webhookUrl: settings.webhookUrl,
  /** Verifies the Standard Webhooks signatures of deliveries to webhookUrl. */
  webhookSecret: settings.webhookSecret ?? null,
  inboundAuth: settings.inboundAuth,
});

export function settingsRoutes(store: Store, rules: RuleBook): Router {
  const router = Router();
  router.get('/organizations/current/settings', (req, res) => {
    res.json(settingsView(req.organization!));
  });
  router.put('/organizations/current/settings', jsonBody(), async (req, res) => {
    const update = SettingsUpdate.safeParse(req.body);
    if (!update.success) throw validationError(update.error);
    const { webhookUrl } = update.data;
    if (webhookUrl) await rules.checkDestination(webhookUrl, 'webhookUrl');
    const webhookSecret = webhookUrl ? (req.organization!.settings.webhookSecret ?? newWebhookSecret()) : undefined;
    const patch = webhookSecret ? { ...update.data, webhookSecret } : update.data;
    res.json(settingsView(await store.organizations.updateSettings(req.organization!.id, patch)));
  });
  return router;
}
