import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import ct from 'countries-and-timezones';

/**
 * Hints for a number written without a country code, best first. Possible (not strictly valid)
 * numbers are accepted: libphonenumber's validity check rejects the platforms' own documented
 * examples such as +15551234567.
 */
export interface PhoneHints {
  /** A WhatsApp id is the number in international digits, so its country is the best hint. */
  whatsappId?: string;
  /** IANA time zone of the contact, e.g. America/New_York. */
  timeZone?: string;
  /** ISO 3166 alpha-2 country given by the source. */
  country?: string;
  /** The configured DEFAULT_PHONE_REGION. */
  defaultRegion?: string;
}

const NON_DIALABLE = /[\s\-.()/]/g;

function possibleE164(text: string, region?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed?.isPossible() ? parsed.number : undefined;
}

function regionOfWhatsappId(whatsappId: string | undefined): CountryCode | undefined {
  if (!whatsappId) return undefined;
  const digits = whatsappId.replace(/\D/g, '');
  return digits ? parsePhoneNumberFromString(`+${digits}`)?.country : undefined;
}

function regionOfTimeZone(timeZone: string | undefined): CountryCode | undefined {
  if (!timeZone) return undefined;
  return ct.getTimezone(timeZone)?.countries[0] as CountryCode | undefined;
}

function asRegion(code: string | undefined): CountryCode | undefined {
  return code && /^[A-Za-z]{2}$/.test(code) ? (code.toUpperCase() as CountryCode) : undefined;
}

/**
 * A phone number as E.164 for a source payload, or undefined when it cannot be made possible.
 * A number without `+` or `00` is read nationally under the hints' regions first, then as
 * international digits.
 */
export function contactPhoneToE164(raw: string | undefined | null, hints: PhoneHints = {}): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (!text) return undefined;
  const compact = text.replace(NON_DIALABLE, '');
  if (compact.startsWith('+')) return possibleE164(compact);
  if (compact.startsWith('00')) return possibleE164(`+${compact.slice(2)}`);
  const regions = [
    regionOfWhatsappId(hints.whatsappId),
    regionOfTimeZone(hints.timeZone),
    asRegion(hints.country),
    asRegion(hints.defaultRegion),
  ];
  for (const region of regions) {
    if (!region) continue;
    const e164 = possibleE164(compact, region);
    if (e164) return e164;
  }
  return /^\d+$/.test(compact) ? possibleE164(`+${compact}`) : undefined;
}

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/**
 * The lead-events contract's reading of `phoneE164`: international digits with or without the
 * leading `+`, tolerating spaces, dashes, dots and parentheses; a national number only when a
 * default region is configured.
 */
export function leadPhoneToE164(raw: unknown, defaultRegion?: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let compact = raw.trim().replace(NON_DIALABLE, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  const international = compact.startsWith('+') ? compact : `+${compact}`;
  if (E164_SHAPE.test(international)) {
    const e164 = possibleE164(international);
    if (e164) return e164;
  }
  const region = asRegion(defaultRegion);
  return region && !compact.startsWith('+') ? possibleE164(compact, region) : undefined;
}
