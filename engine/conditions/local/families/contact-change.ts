import type { Family, JudgeInput } from '../family.js';
import { evidenceOf, hitsIn } from '../signals.js';

const DETAIL = String.raw`(?:(?:my|our|the|his|her|account|personal|contact|billing|home|mailing|postal|delivery|registered|profile|email|phone|mobile|last|first|family|sur|user's)\s+){0,3}(?:details|info|information|name|surname|address|e-?mail(?: address)?|phone(?: number)?|mobile(?: number)?|number|contact|profile|postcode|zip code|last name|first name)`;
const CHANGE = String.raw`(?:change|changing|update|updating|edit|editing|modify|modifying|(?<!\b(?:the|have|had|are|is|was|were)\s)correct|correcting|amend|amending|fix|fixing|alter|altering|replace|replacing|make (?:some |a few )?changes to|make (?:an )?update to)`;

// Details of a payment, a card or a booking are not the user's personal details.
const NOT_PERSONAL = /\b(?:transfer|payment|card|beneficiary|recipient|bank|pin|passcode|password|login|username|time ?zone|booking|appointment|order|plan|delivery date|shipping method)\b/i;

const CHANGE_REQUESTS = [
  new RegExp(String.raw`\b${CHANGE}\s+(?:[\w'-]+\s+){0,3}?${DETAIL}\b`, 'gi'),
  new RegExp(String.raw`\b${DETAIL}\s+(?:has |have |is |are |needs? to be |should be |must be |got )?(?:changed|updated|wrong|incorrect|out of date|outdated|misspelled|misspelt|spelled wrong|spelt wrong|not correct|not right|different now)\b`, 'gi'),
  /\buse (?:my|this|the) (?:new |personal |work |other |private )?(?:e-?mail(?: address)?|number|phone number|mobile|address) (?:instead|from now on|going forward)\b|\bnew (?:address|e-?mail(?: address)?|phone number|mobile number|number|surname|last name|name)\b|\bchange of (?:address|name|details)\b/gi,
  /\b(?:got|getting|just got) married\b|\b(?:married|maiden) name\b|\b(?:spouse|husband|wife|partner)'?s? (?:last )?name\b/gi,
];

// Moving house is a change of address only when the user also talks about their records.
const MOVED = /\b(?:i|we)(?:'ve| have)? (?:just |recently )?(?:moved|relocated)\b/gi;
const RECORDS = /\b(?:update|change|edit|details|address|records?|file|profile|information|info)\b/i;

export const contactChangeFamily: Family = {
  name: 'contact-change',
  describes: 'wants to change their personal or contact details',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const moved = RECORDS.test(turn.analysis.text) ? hitsIn(turn.analysis, [MOVED], { negatable: true }) : [];
      const hit = [...hitsIn(turn.analysis, CHANGE_REQUESTS, { negatable: true }), ...moved].find((candidate) => !NOT_PERSONAL.test(candidate.text));
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.8 };
    }
    return undefined;
  },
};
