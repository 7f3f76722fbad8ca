import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { AnalyzedText } from '../analysis.js';
import type { Family, Finding, JudgeInput } from '../family.js';
import { evidenceOf, hitsIn, type UserTurn } from '../signals.js';

const TLDS = 'com|net|org|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|us|ca|au|nz|in|jp|br|mx|edu|gov|me|info|biz|app|dev|ai|tv|xyz|email|online|shop';
const AT = String.raw`\s*(?:\(at\)|\[at\]|\{at\}|<at>|\sat\s|@)\s*`;
const DOT = String.raw`\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\sdot\s|\.)\s*`;
const LABEL = '[a-z0-9_%+-]+';
const WRITTEN_OUT_EMAIL = new RegExp(String.raw`\b(${LABEL}(?:${DOT}${LABEL})*)${AT}(${LABEL}(?:${DOT}${LABEL})*${DOT}(?:${TLDS}))\b`, 'gi');

// "meet at home dot com" is not an address: a local part that is an everyday word is not one.
const NOT_A_LOCAL_PART = /^(?:me|us|you|him|her|them|it|this|that|here|there|home|work|look|arrive|be|stay|meet|see|is|am|are|was|were|the|a|an|and|or|but|what|where|which|email|mail|gmail|mine|one|both|all)$/i;

// Shared inboxes of a business, as in "I already emailed support@clinic.com".
const ROLE_INBOX = /^(?:support|info|help|hello|hi|contact|sales|billing|admin|team|office|questions|noreply|no-reply|enquiries|inquiries|reception|bookings|booking|service|customerservice|care|feedback|hr|jobs|careers|press|marketing|accounts|orders|returns|webinars?|events?)$/i;
const SOMEONE_ELSES_ADDRESS_BEFORE = /\b(?:e-?mailed|e-?mail(?:ed)? (?:it |them |this )?to|sent (?:it |this |them |an e-?mail |a message |a mail )?to|wrote to|writing to|cc'?d?|contacted|reached out to|forwarded (?:it |this |them )?to|write to|contact|reach out to|from)\s*$/i;
const OWN_ADDRESS_BEFORE = /\bmy (?:\w+ )?(?:e-?mail|address|mail)\b/i;

function canonicalEmail(match: RegExpMatchArray): string {
  return match[0]
    .toLowerCase()
    .replace(new RegExp(AT, 'i'), '@')
    .replace(/\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\sdot\s)\s*/gi, '.')
    .replace(/\s+/g, '');
}

function emailGiven(analysis: AnalyzedText, assistantText: string): Finding | undefined {
  for (const match of analysis.text.matchAll(WRITTEN_OUT_EMAIL)) {
    const address = canonicalEmail(match);
    const [localPart] = address.split('@');
    if (NOT_A_LOCAL_PART.test(localPart) || assistantText.includes(address)) continue;
    const before = analysis.text.slice(Math.max(0, match.index - 40), match.index);
    if (SOMEONE_ELSES_ADDRESS_BEFORE.test(before)) continue;
    if (ROLE_INBOX.test(localPart) && !OWN_ADDRESS_BEFORE.test(before)) continue;
    return { evidence: address, confidence: 0.95 };
  }
  return undefined;
}

const PHONE_CANDIDATE = /(?<![\w+])(?:\+|00)?\(?\d[\d\s().\/-]{5,24}\d(?!\w)/g;
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;
const REFERENCE_BEFORE = /(?:\b(?:order|invoice|ref(?:erence)?|ticket|booking|confirmation|tracking|account|acct|case|policy|member(?:ship)?|customer|transaction|serial|zip|postcode|po box|card|iban|routing|sort code|id|no\.?)\b\s*(?:number|no\.?|#|id|code)?\s*(?:is|was|=|:)?\s*#?|#|[$€£¥])\s*$/i;
const QUANTITY_AFTER = /^\s*(?:k\b|m\b|usd|eur|gbp|dollars|euros|pounds|%|am\b|pm\b|sq|ft|km|kg|lbs|miles|people|users|seats)/i;
const DATE_SHAPE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const PHONE_CONTEXT = /\b(?:call|text|ring|phone|mobile|cell|number|whats ?app|wa|reach|contact|tel|sms|signal|telegram|viber|landline|dial)\w*/i;
// Regions tried for a number written without a country code, most frequent first.
const NATIONAL_REGIONS: CountryCode[] = ['US', 'GB', 'CA', 'AU', 'IE', 'NZ', 'IN', 'DE', 'FR', 'ES', 'IT', 'NL', 'ZA'];

function isPossiblePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (/^\s*(?:\+|00)/.test(candidate)) return Boolean(parsePhoneNumberFromString(`+${digits.replace(/^00/, '')}`)?.isPossible());
  return NATIONAL_REGIONS.some((region) => parsePhoneNumberFromString(digits, region)?.isPossible());
}

function insideUrl(analysis: AnalyzedText, index: number): boolean {
  return analysis.entities.some((entity) => entity.type === 'URL' && index >= entity.start && index < entity.end);
}

function phoneGiven(analysis: AnalyzedText, assistantText: string): Finding | undefined {
  const assistantDigits = assistantText.replace(/[^\d\n]/g, '');
  for (const match of analysis.text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) continue;
    const before = analysis.text.slice(Math.max(0, match.index - 40), match.index);
    const after = analysis.text.slice(match.index + match[0].length);
    if (REFERENCE_BEFORE.test(before) || QUANTITY_AFTER.test(after) || DATE_SHAPE.test(candidate)) continue;
    if (assistantDigits.includes(digits) || insideUrl(analysis, match.index)) continue;
    const formatted = /[\s().\/+-]/.test(candidate);
    if (!formatted && !PHONE_CONTEXT.test(analysis.text)) continue;
    if (isPossiblePhone(candidate)) return { evidence: candidate, confidence: formatted ? 0.9 : 0.8 };
  }
  return undefined;
}

const STREET_ADDRESS = /\b\d{1,5}[a-z]?\s+(?:[A-Za-z'.-]+\s+){0,4}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|close|crescent|square|parkway|pkwy|highway|hwy|row|walk|grove|gardens|mews|circle|cir|trail)\b/gi;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/g;
const OWN_ADDRESS_CUE = /\b(?:my (?:home |postal |mailing |delivery |billing |new |current )?address|i live|we live|i'm at|i am at|we're at|we are at|deliver(?:y)? (?:it |them |this )?(?:to|at)|ship (?:it |them |this )?to|send (?:it |them |this |the \w+ )?to|moved to|located at|my place|our place|i stay at|address is|address:)/i;

function addressGiven(analysis: AnalyzedText): Finding | undefined {
  const hits = hitsIn(analysis, [STREET_ADDRESS, UK_POSTCODE]);
  const own = hits.find((hit) => OWN_ADDRESS_CUE.test(analysis.text.slice(hit.sentence.start, hit.sentence.end)));
  return own && { evidence: evidenceOf(analysis, own), confidence: 0.8 };
}

function firstGiven(userTurns: UserTurn[], find: (analysis: AnalyzedText) => Finding | undefined): Finding | undefined {
  for (const turn of userTurns) {
    const finding = find(turn.analysis);
    if (finding) return finding;
  }
  return undefined;
}

export const contactEmailFamily: Family = {
  name: 'contact-email',
  describes: 'gives an email address',
  judge: ({ userTurns, assistantTexts }: JudgeInput) => {
    const assistantText = assistantTexts.join('\n').toLowerCase();
    return firstGiven(userTurns, (analysis) => emailGiven(analysis, assistantText));
  },
};

export const contactPhoneFamily: Family = {
  name: 'contact-phone',
  describes: 'gives a phone number',
  judge: ({ userTurns, assistantTexts }: JudgeInput) => {
    const assistantText = assistantTexts.join('\n');
    return firstGiven(userTurns, (analysis) => phoneGiven(analysis, assistantText));
  },
};

export const contactAddressFamily: Family = {
  name: 'contact-address',
  describes: 'gives a postal address',
  judge: ({ userTurns }: JudgeInput) => firstGiven(userTurns, addressGiven),
};

export const contactAnyFamily: Family = {
  name: 'contact-any',
  describes: 'gives contact details (email, phone or address)',
  judge: (input: JudgeInput) => contactEmailFamily.judge(input) ?? contactPhoneFamily.judge(input) ?? contactAddressFamily.judge(input),
};
