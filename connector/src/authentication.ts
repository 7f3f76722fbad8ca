import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

interface Me {
  organizationId: number;
  name: string;
}

/** The organization the API key belongs to; Zapier hands the result to `connectionLabel`. */
async function test(z: ZObject): Promise<Me> {
  const response = await z.request<Me>({ url: '/api/v1/me' });
  return response.data;
}

/** The organization's name, with the engine's host so connections to several engines stay apart. */
async function connectionLabel(_z: ZObject, bundle: Bundle<Partial<Me>>): Promise<string> {
  const host = URL.canParse(bundle.authData.baseUrl ?? '') ? new URL(bundle.authData.baseUrl).host : undefined;
  const name = bundle.inputData.name ?? 'Switchboard';
  return host ? `${name} (${host})` : name;
}

export default {
  type: 'custom',
  fields: [
    {
      key: 'baseUrl',
      label: 'Switchboard URL',
      type: 'string',
      required: true,
      placeholder: 'https://switchboard.example.com',
      helpText:
        'The public address of your Switchboard engine: its `PUBLIC_URL` setting, which is also how its inbound webhook URLs begin (everything before `/in/`).',
    },
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText:
        'A Switchboard API key of your organization. The engine prints one on its first start; create another with `POST /api/v1/api-keys` (sent with an existing key) or, with the engine stopped, `npm run cli -- key create --org 1`.',
    },
  ],
  test,
  connectionLabel,
} satisfies Authentication;
