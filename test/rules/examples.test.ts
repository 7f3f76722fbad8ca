import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuleFiles, RuleFileError } from '../../engine/rules/index.js';
import { inboundUrl, startTestEngine, tempDir, type TestEngine } from '../helpers/engine.js';
import { startReceiver } from '../helpers/receiver.js';

const root = path.join(__dirname, '..', '..');
const fixture = async (name: string) => readFile(path.join(root, 'test', 'fixtures', name), 'utf8');

describe('the example rules in rules/', () => {
  let engine: TestEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const byPath = (prefix: string) => receiver.received.filter((request) => request.path === prefix).map((request) => JSON.parse(request.body));

  beforeAll(async () => {
    receiver = await startReceiver();
    const rulesDir = path.join(await tempDir(), 'rules');
    await mkdir(rulesDir);
    const examples = await readRuleFiles(path.join(root, 'rules'));
    expect(examples.map((rule) => [rule.id, rule.enabled])).toEqual([
      ['hubspot-appointment-booked', false],
      ['make-every-event', false],
      ['sheets-meeting-booked', false],
    ]);
    for (const { file, ...rule } of examples) {
      const enabled = { ...rule, enabled: true, destination: { ...rule.destination, url: `${receiver.url}/${rule.id}` } };
      await writeFile(path.join(rulesDir, file), JSON.stringify(enabled));
    }
    engine = await startTestEngine({ RULES_DIR: rulesDir });
    for (const [provider, file] of [
      ['appointlet', 'appointlet-meeting-scheduled.json'],
      ['setter', 'setter-appointment-booked.json'],
      ['calstudio', 'calstudio-message-sent.json'],
    ]) {
      const response = await fetch(await inboundUrl(engine, provider), { method: 'POST', headers: { 'content-type': 'application/json' }, body: await fixture(file) });
      expect(response.status).toBe(202);
    }
    await receiver.waitFor(6);
  });
  afterAll(async () => {
    await engine?.close();
    await receiver?.close();
  });

  it('turns a booked meeting into one flat Sheets row with every column', () => {
    const rows = byPath('/sheets-meeting-booked');
    expect(rows).toHaveLength(2);
    const appointlet = rows.find((row) => row.Platform === 'appointlet');
    expect(appointlet).toEqual({
      'Booked At (UTC)': '2024-05-29T18:56:43.249Z',
      Meeting: 'Example Meeting Type (Group)',
      'Start (UTC)': '2024-06-03T14:00:00.000Z',
      'End (UTC)': '2024-06-03T14:30:00.000Z',
      'Duration (min)': 30,
      'Contact Name': 'Attendee First Name Attendee Last Name',
      Email: 'test@appointlet.com',
      Phone: '',
      'Time Zone': 'America/New_York',
      Host: 'Host First Name Host Last Name',
      Location: '123 Address Street',
      Platform: 'appointlet',
      'Event ID': expect.stringMatching(/^evt_/),
    });
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(Object.keys(appointlet));
      for (const value of Object.values(row)) expect(['string', 'number']).toContain(typeof value);
    }
  });

  it('builds a HubSpot contact upsert from a Setter appointment', () => {
    expect(byPath('/hubspot-appointment-booked')).toEqual([
      {
        inputs: [
          {
            idProperty: 'email',
            id: 'user@example.com',
            properties: {
              email: 'user@example.com',
              firstname: 'John',
              lastname: 'Doe',
              hs_whatsapp_phone_number: '1234567890',
              lifecyclestage: 'salesqualifiedlead',
              next_appointment_start: '2025-12-05T14:00:00.000Z',
              next_appointment_time_zone: 'America/New_York',
              setter_bot_id: '123',
            },
          },
        ],
      },
    ]);
  });

  it('sends every event to Make as the canonical event', () => {
    const events = byPath('/make-every-event');
    expect(events.map((event) => event.type).sort()).toEqual(['appointment.booked', 'meeting.booked', 'message.sent']);
    for (const event of events) expect(event).toMatchObject({ id: expect.any(String), organizationId: 1, source: expect.any(Object), raw: expect.any(Object) });
  });

  it('refuses an invalid rule file naming the file and the field', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ id: 'broken', name: 'x', on: ['meeting.booked'], destination: { url: 'ftp://x' } }));
    await expect(readRuleFiles(dir)).rejects.toThrow(new RuleFileError(`${path.join(dir, 'broken.json')}: destination.url: must be an absolute http or https URL`));
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ id: 'broken', name: 'x', on: ['meeting.booked'], when: '(((', destination: { url: 'https://example.com' } }));
    await expect(startTestEngine({ RULES_DIR: dir })).rejects.toThrow(/broken\.json: when: /);
  });

  it('keeps rule files read-only through the API', async () => {
    const response = await engine.api('/api/v1/rules/make-every-event', { method: 'PATCH', json: { enabled: false } });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe('rule_is_file');
  });
});
