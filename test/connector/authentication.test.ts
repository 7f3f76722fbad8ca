import nock from 'nock';
import zapier, { type ZObject } from 'zapier-platform-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import authentication from '../../connector/src/authentication.js';
import app from '../../connector/src/index.js';
import { API_KEY, BASE_URL, authData, zapierErrorOf } from './zapier-helpers.js';

const appTester = zapier.createAppTester(app);
const me = { organizationId: 1, name: 'Default organization' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('authentication', () => {
  it('tests the connection with GET /api/v1/me and the Bearer key', async () => {
    const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/api/v1/me')
      .reply(200, me);

    await expect(appTester(authentication.test, { authData })).resolves.toEqual(me);
    scope.done();
  });

  it("labels the connection with the organization's name and the engine's host", async () => {
    const label = await appTester(authentication.connectionLabel, { authData, inputData: me });

    expect(label).toBe('Default organization (switchboard.test)');
  });

  it('turns a 401 into an AuthenticationError that says what to check', async () => {
    nock(BASE_URL)
      .get('/api/v1/me')
      .reply(401, { error: { code: 'unauthorized', message: 'Invalid API key.' } });

    const error = await zapierErrorOf(
      appTester(authentication.test, { authData: { ...authData, apiKey: 'sk_wrong' } }),
    );

    expect(error).toEqual({
      message:
        'Switchboard did not accept the API key: Invalid API key. Check the API key and the Switchboard URL of this connection.',
      code: 'AuthenticationError',
      status: 401,
    });
  });

  it.each([
    ['with a trailing slash', `${BASE_URL}/`, '/api/v1/me'],
    ['with /api/v1 pasted after it', `${BASE_URL}/api/v1/`, '/api/v1/me'],
    ['behind a path prefix', `${BASE_URL}/switchboard`, '/switchboard/api/v1/me'],
  ])('reaches the engine from a URL entered %s', async (_case, baseUrl, path) => {
    const scope = nock(BASE_URL).get(path).reply(200, me);

    await appTester(authentication.test, { authData: { ...authData, baseUrl } });
    scope.done();
  });

  it('explains a Switchboard URL that is not a web address', async () => {
    const error = await zapierErrorOf(
      appTester(authentication.test, { authData: { ...authData, baseUrl: 'switchboard.test' } }),
    );

    expect(error.code).toBe('AuthenticationError');
    expect(error.message).toContain('The Switchboard URL "switchboard.test" is not a web address');
  });

  it('reports an error page without a Switchboard error body by its status', async () => {
    nock(BASE_URL).get('/api/v1/me').reply(502, '<html>Bad Gateway</html>');

    const error = await zapierErrorOf(appTester(authentication.test, { authData }));

    expect(error).toMatchObject({ message: 'Switchboard answered HTTP 502.', status: 502 });
  });

  it('sends the API key to the connected engine only', async () => {
    const elsewhere = nock('https://elsewhere.test', { badheaders: ['authorization'] })
      .get('/file')
      .reply(200, 'ok');

    await appTester(async (z: ZObject) => (await z.request({ url: 'https://elsewhere.test/file' })).content, {
      authData,
    });
    elsewhere.done();
  });
});
