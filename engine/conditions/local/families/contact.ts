import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { AnalyzedText } from '../analysis.js';
import type { Family, Finding, JudgeInput } from '../family.js';
import { evidenceOf, hitsIn, type UserTurn } from '../signals.js';

const TLDS = 'com|net|org|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|us|ca|au|nz|in|jp|br|mx|edu|gov|me|info|biz|app|dev|ai|tv|xyz|email|online|shop|ru|cz|gr|hu|ro|tr|za|sg|hk|ph|my|ar|cl|cn|kr|il|ae|studio|agency|store|site|tech|live|life|club|design|media|pro|mail|page|team|world|space|website|cloud|one|digital|network|solutions|services|health|fit|yoga|coach|travel|photography';
const AT = String.raw`\s*(?:\(at\)|\[at\]|\{at\}|<at>|\sat\s|@)\s*`;
const DOT = String.raw`\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\sdot\s|\.)\s*`;
const LABEL = '[a-z0-9_%+-]+';
const WRITTEN_OUT_EMAIL = new RegExp(String.raw`\b(${LABEL}(?:${DOT}${LABEL})*)${AT}(${LABEL}(?:${DOT}${LABEL})*${DOT}(?:${TLDS}))\b`, 'gi');
// With an unmistakable "@" or "(at)" any top-level domain goes: ".agency", ".photography", ".ru".
const MARKED_AT = String.raw`(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*|@)`;
const MARKED_EMAIL = new RegExp(String.raw`\b(${LABEL}(?:${DOT}${LABEL})*)${MARKED_AT}(${LABEL}(?:${DOT}${LABEL})*${DOT}[a-z]{2,24})\b`, 'gi');

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
  for (const match of [...analysis.text.matchAll(MARKED_EMAIL), ...analysis.text.matchAll(WRITTEN_OUT_EMAIL)]) {
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
const REFERENCE_BEFORE = /(?:\b(?:order|invoice|ref(?:erence)?|ticket|booking|confirmation|tracking|account|acct|case|policy|member(?:ship)?|customer|transaction|serial|zip|postcode|po box|card|iban|routing|sort code|id|no\.?|flight|abn|acn|vat|tax|ein|ssn|nin|nhs|passport|licen[cs]e|reg(?:istration)?|vin|imei|sku|isbn|pin|room|unit|gate|seat)\b\s*(?:number|no\.?|#|id|code)?\s*(?:is|was|=|:)?\s*#?|#|[$€£¥])\s*$/i;
const QUANTITY_AFTER = /^\s*(?:k\b|m\b|usd|eur|gbp|dollars|euros|pounds|%|am\b|pm\b|sq|ft|km|kg|lbs|miles|people|users|seats)/i;
const DATE_SHAPE = /^\d{4}[-/. ]\d{1,2}[-/. ]\d{1,2}$|^\d{1,2}[-/. ]\d{1,2}[-/. ](?:\d{2}|\d{4})$/;
// "1 250 000" is an amount written with thousands separators.
const AMOUNT_SHAPE = /^\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?$/;
const AMOUNT_BEFORE = /\b(?:total|price|cost|costs|amount|budget|salary|worth|value|balance|sum|spent|paid|pay|owe|fee|fees)\b[^\d]{0,15}$/i;
// Another business's line: "is it 0800 123 4567 to call you?", "my dentist's number is …".
const BUSINESS_LINE = /^(?:\+?44\s?|0)(?:800|808|845|870|300|330|345)/;
const FOR_THE_BUSINESS_AFTER = /^\s*(?:to (?:call|reach|contact|ring) (?:you|your|the)|for (?:you|your \w+|support|the (?:office|clinic|shop|store)|bookings))\b/i;
const THIRD_PARTY_LINE_BEFORE = /\b(?:dentist|doctor|office|clinic|company|school|landlord|bank|vet|gp|surgery|hotel|restaurant|business|shop|store|insurer|insurance|lawyer|plumber|mechanic|garage|pharmacy)(?:'s)? (?:phone |contact |office )?(?:number|phone|line|no\.?)\s*(?:is|was|:)?\s*$/i;
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

// A number the user called or asks about is the business's, not theirs to give.
const SOMEONE_ELSES_NUMBER_BEFORE = /(?:\b(?:called|calling|rang|ringing|dial(?:l)?ed|dial(?:l)?ing|phoned|phoning|tried|texted|texting|messaged|whatsapped)\s+(?:you\s+|you guys\s+|your \w+\s+|the \w+\s+)?(?:on\s+|at\s+)?|\b(?:your|the (?:office|clinic|shop|store|support|company|business|hotline|helpline)(?:'s)?) (?:\w+ )?(?:number|phone|line|hotline|helpline)s? (?:is |was )?(?:still )?)$/i;
// US toll-free lines belong to businesses.
const TOLL_FREE = /^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]/;

const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const SPELLED_DIGITS = /\b(?:(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double (?:zero|oh|one|two|three|four|five|six|seven|eight|nine))[\s,.-]+){6,14}(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)\b/gi;

/** "five five five, two three four…": a number read out in words. */
function spelledPhone(analysis: AnalyzedText): Finding | undefined {
  for (const match of analysis.text.matchAll(SPELLED_DIGITS)) {
    const words = match[0].toLowerCase().split(/[\s,.-]+/).filter(Boolean);
    let digits = '';
    for (let index = 0; index < words.length; index += 1) {
      if (words[index] === 'double') {
        const digit = DIGIT_WORDS[words[index + 1]];
        digits += digit + digit;
        index += 1;
      } else digits += DIGIT_WORDS[words[index]];
    }
    if (!/[1-9]/.test(digits) || digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) continue;
    const before = analysis.text.slice(Math.max(0, match.index - 40), match.index);
    if (SOMEONE_ELSES_NUMBER_BEFORE.test(before) || REFERENCE_BEFORE.test(before)) continue;
    if (PHONE_CONTEXT.test(analysis.text) || digits.length >= 10) return { evidence: match[0].trim(), confidence: 0.75 };
  }
  return undefined;
}

function phoneGiven(analysis: AnalyzedText, assistantText: string, askedForNumber = false): Finding | undefined {
  const assistantDigits = assistantText.replace(/[^\d\n]/g, '');
  for (const match of analysis.text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) continue;
    const before = analysis.text.slice(Math.max(0, match.index - 40), match.index);
    const after = analysis.text.slice(match.index + match[0].length);
    if (REFERENCE_BEFORE.test(before) || QUANTITY_AFTER.test(after) || DATE_SHAPE.test(candidate)) continue;
    if (SOMEONE_ELSES_NUMBER_BEFORE.test(before) || TOLL_FREE.test(candidate) || BUSINESS_LINE.test(candidate)) continue;
    if (FOR_THE_BUSINESS_AFTER.test(after) || THIRD_PARTY_LINE_BEFORE.test(before)) continue;
    if (AMOUNT_BEFORE.test(before) || (AMOUNT_SHAPE.test(candidate) && !PHONE_CONTEXT.test(analysis.text))) continue;
    if (/^\d{3,6}\s?-\s?\d{3,6}$/.test(candidate) && /\b(?:between|from|range|budget|around|about)\s*$/i.test(before)) continue;
    if (assistantDigits.includes(digits) || insideUrl(analysis, match.index)) continue;
    const formatted = /[\s().\/+-]/.test(candidate);
    if (!formatted && !askedForNumber && !PHONE_CONTEXT.test(analysis.text)) continue;
    if (isPossiblePhone(candidate)) return { evidence: candidate, confidence: formatted ? 0.9 : 0.8 };
  }
  return spelledPhone(analysis);
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
    for (const turn of userTurns) {
      const askedForNumber = PHONE_CONTEXT.test(turn.priorAssistantText ?? '');
      const finding = phoneGiven(turn.analysis, assistantText, askedForNumber);
      if (finding) return finding;
    }
    return undefined;
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
