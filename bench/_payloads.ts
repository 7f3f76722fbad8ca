/** Realistic webhook bodies from the four platforms, each unique by `i` (so none dedupes). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Provider } from '../engine/events/schema.js';
import { ROOT } from './_engine.js';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8'));
const setter = fixture('setter-appointment-booked.json');
const orufy = fixture('orufy-book.json');
const appointlet = fixture('appointlet-meeting-scheduled.json');
const calstudio = fixture('calstudio-message-sent.json');
const BASE = Date.UTC(2026, 0, 5, 9);
const at = (i: number) => new Date(BASE + i * 1000).toISOString();

export const PROVIDER_ORDER: Provider[] = ['setter', 'orufy', 'appointlet', 'calstudio'];

export function payload(provider: Provider, i: number, tag = ''): Record<string, unknown> {
  switch (provider) {
    case 'setter':
      return { ...setter, timestamp: at(i), contactEmail: `${tag}lead${i}@example.com`, contactPhoneNumber: `+1555${String(1_000_000 + (i % 9_000_000)).padStart(7, '0')}` };
    case 'orufy':
      return { ...orufy, meetData: { ...orufy.meetData, _id: `${tag}meet${i}`, time: at(i) } };
    case 'appointlet':
      return { ...appointlet, id: `${tag}${i}`, created_at: at(i) };
    case 'calstudio':
      return { ...calstudio, timestamp: at(i), user_email: `${tag}user${i}@example.com`, last_message: `Do you have availability on day ${i % 28}?` };
  }
}
