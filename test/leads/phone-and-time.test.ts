import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { leadPhoneToE164 } from '../../engine/events/phone.js';
import { instantOf } from '../../engine/leads/index.js';

describe('lead phone normalization', () => {
  it('gives libphonenumber\'s own answer for international numbers, on a large random sample', () => {
    const reference = (text: string) => {
      const parsed = parsePhoneNumberFromString(text);
      return parsed?.isPossible() ? parsed.number : undefined;
    };
    let state = 42;
    const random = (below: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % below;
    };
    for (let i = 0; i < 100_000; i++) {
      let digits = String(1 + random(9));
      for (let length = 7 + random(9); digits.length < length; ) digits += String(random(10));
      const text = `+${digits}`;
      if (leadPhoneToE164(text) !== reference(text)) expect.fail(`${text}: ${leadPhoneToE164(text)} vs libphonenumber ${reference(text)}`);
    }
  });

  it('accepts the seed examples and Canadian 7-digit possibles, refuses impossible lengths', () => {
    expect(leadPhoneToE164('+15551234567')).toBe('+15551234567');
    expect(leadPhoneToE164('+447700900123')).toBe('+447700900123');
    expect(leadPhoneToE164('+44 (0)7700 900123')).toBe('+447700900123');
    expect(leadPhoneToE164('+1555123456')).toBeUndefined();
    expect(leadPhoneToE164('+4477009001234567')).toBeUndefined();
  });
});

describe('instantOf', () => {
  it('reads ISO 8601 date-times with a zone to the millisecond', () => {
    const ms = Date.parse('2026-05-12T18:34:00Z');
    expect(instantOf('2026-05-12T18:34:00Z')).toBe(ms);
    expect(instantOf('2026-05-12T18:34:00.000Z')).toBe(ms);
    expect(instantOf('2026-05-12T18:34:00.0009Z')).toBe(ms);
    expect(instantOf('2026-05-12T18:34:00.5Z')).toBe(ms + 500);
    expect(instantOf('2026-05-12T20:34:00+02:00')).toBe(ms);
    expect(instantOf('2026-05-12T15:04:00-03:30')).toBe(ms);
    expect(instantOf('2026-05-12t18:34z')).toBe(ms);
    expect(instantOf('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(instantOf('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z'));
  });

  it('refuses what has no single instant or does not exist', () => {
    for (const text of ['2026-05-12T18:34:00', '2026-05-12', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-05-12T24:00:00Z', '2026-05-12T18:60:00Z', '2026-05-12T18:34:00+25:00', 'yesterday', '', 1747074840000, null]) {
      expect(instantOf(text), String(text)).toBeUndefined();
    }
  });
});
