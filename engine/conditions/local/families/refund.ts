import type { AnalyzedText } from '../analysis.js';
import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, hitsIn, type Hit } from '../signals.js';

const REFUND_REQUESTS = [
  /\brefund(?:s|ed|ing)?\b|\breturn polic(?:y|ies)\b/gi,
  /\b(?:want|need|give me|return) (?:back )?(?:my|our) money\b|\b(?:money|funds) back\b|\bback my money\b|\b(?:my|the|our) (?:deposit|payment|fee|fees|cash) back\b|\b(?:send|take|bring|ship|post) (?:it|them|this|these|those|the [\w'-]+|my [\w'-]+) back\b|\breimburse\w*|\bcharge ?backs?\b|\bpay (?:me|us) back\b/gi,
  /\brevers(?:e|ed|ing|al of) (?:the |this |that |my )?(?:charge|fee|payment|transaction)s?\b|\b(?:charge|fee|payment|transaction) (?:reversed|refunded)\b/gi,
  /\b(?:need|want|like|get|have) (?:it|them|one of them|this|that|the \w+|one|both) (?:reversed|refunded|credited|returned|paid back)\b/gi,
  /\bcredit (?:me|my account|it back|the money)\b|\breturn (?:my|the) (?:money|payment|funds)\b/gi,
  /\b(?:return|send back)\b(?:\s+[\w'-]+){0,3}?\s+(?:item|items|order|purchase|purchases|product|it|them|this|goods)\b/gi,
  /\b(?:want|need|like|wish|going|able) to (?:return|send back)\b(?! (?:a |my |the |your )?(?:call|calls|favou?r|visit|email|message))|\b(?:can|could|may|how do|how can) (?:i|we) (?:return|send back)\b(?! (?:a |my |the |your )?(?:call|calls|favou?r|visit|email|message))/gi,
  /\b(?:cancel(?:l?ing)?|retract(?:ing)?) (?:the |my |a |this |that |our )?(?:previous |recent |last )?purchases?\b|\bpurchases? (?:cancell?ed|retracted)\b|\bstop (?:the )?payment\b/gi,
];

// Only turning a refund down negates it: "no refund showing" still asks about a refund.
const DECLINED_BEFORE = /\b(?:(?:don't|do not|doesn't|won't|not) (?:want|need|asking for|looking for|after|interested in|expecting)|no need for)\s+(?:[\w'-]+\s+){0,2}$/i;
const REFUND_OFFER = /\b(?:refund|money back|reimburse)/i;

const DECLINED_AROUND = /\bno\s+$/i;
const NOT_NEEDED_AFTER = /^\s*(?:is |was )?(?:needed|necessary|required|wanted)\b/i;

function declined(analysis: AnalyzedText, hit: Hit): boolean {
  const before = analysis.text.slice(hit.sentence.start, hit.start);
  const after = analysis.text.slice(hit.end, hit.sentence.end);
  return DECLINED_BEFORE.test(before) || (DECLINED_AROUND.test(before) && NOT_NEEDED_AFTER.test(after));
}

export const refundFamily: Family = {
  name: 'refund',
  describes: 'asks for a refund or about one',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const hit = hitsIn(turn.analysis, REFUND_REQUESTS).find((candidate) => !declined(turn.analysis, candidate));
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.85 };
      if (acceptsOffer(turn, REFUND_OFFER)) return { evidence: turn.analysis.text, confidence: 0.7 };
    }
    return undefined;
  },
};
