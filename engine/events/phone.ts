import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { Metadata } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/min/metadata';
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
  if (compact.startsWith('+')) return internationalToE164(compact);
  if (compact.startsWith('00')) return internationalToE164(`+${compact.slice(2)}`);
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
  return /^\d+$/.test(compact) ? internationalToE164(`+${compact}`) : undefined;
}

/** `+` and digits take the fast path below; anything else (letters, odd lengths) the full parse. */
function internationalToE164(international: string): string | undefined {
  return E164_SHAPE.test(international) ? possibleInternationalE164(international) : possibleE164(international);
}

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** What deciding "possible" for `+<calling code><national number>` takes, per calling code. */
interface CallingCodePlan {
  /** The national prefix (for parsing) of the code's main plan: a number starting with it needs the full parse. */
  nationalPrefix?: RegExp;
  /** National lengths possible in every country sharing the code, and in at least one. */
  possibleInAll: Set<number>;
  possibleInAny: Set<number>;
}

interface NumberingPlanInternals {
  possibleLengths(): number[];
  nationalPrefixForParsing(): string | undefined;
}

function callingCodePlans(): Map<string, CallingCodePlan> {
  const metadata = new Metadata(minMetadata) as unknown as {
    selectNumberingPlan(countryOrCallingCode: string): void;
    getCountryCodesForCallingCode(code: string): string[] | undefined;
    numberingPlan: NumberingPlanInternals;
  };
  const codes = new Set([...Object.keys(minMetadata.country_calling_codes), ...Object.keys(minMetadata.nonGeographic ?? {})]);
  const plans = new Map<string, CallingCodePlan>();
  for (const code of codes) {
    const lengths = (metadata.getCountryCodesForCallingCode(code) ?? [code]).map((countryOrCode) => {
      metadata.selectNumberingPlan(countryOrCode);
      return metadata.numberingPlan.possibleLengths();
    });
    metadata.selectNumberingPlan(code);
    const prefix = metadata.numberingPlan.nationalPrefixForParsing();
    plans.set(code, {
      nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
      possibleInAll: new Set(lengths[0].filter((length) => lengths.every((list) => list.includes(length)))),
      possibleInAny: new Set(lengths.flat()),
    });
  }
  return plans;
}

const CALLING_CODES = callingCodePlans();

/**
 * libphonenumber's answer for `+` and digits, decided from the number's length where the length
 * alone decides it: the full parse compiles regular expressions on every call (~20 µs, a second
 * per 50,000-event batch). Falls back to the full parse for national prefixes and for lengths
 * possible in only some of the countries sharing a calling code (e.g. 7 digits in Canada).
 * test/leads/phone-and-time.test.ts checks it against libphonenumber on 100,000 random numbers.
 */
function possibleInternationalE164(international: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const plan = CALLING_CODES.get(international.slice(1, 1 + length));
    if (!plan) continue;
    const national = international.slice(1 + length);
    if (plan.nationalPrefix?.test(national)) return possibleE164(international);
    if (plan.possibleInAll.has(national.length)) return international;
    if (!plan.possibleInAny.has(national.length)) return undefined;
    return possibleE164(international);
  }
  return undefined; // no calling code starts it: libphonenumber cannot parse it either
}

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
    const e164 = possibleInternationalE164(international);
    if (e164) return e164;
  }
  const region = asRegion(defaultRegion);
  return region && !compact.startsWith('+') ? possibleE164(compact, region) : undefined;
}
