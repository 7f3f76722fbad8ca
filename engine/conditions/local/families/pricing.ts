import type { AnalyzedText } from '../analysis.js';
import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, hitsIn, type Hit } from '../signals.js';

const PRICE_TERMS = [
  /\b(?:prices?|priced|pricing|pricey|pricier|costs?|costing|costly|fees?|tariffs?|budget(?!\s+(?:meeting|review|report|planning|season|cuts?))|discount(?:s|ed)?|coupons?|promo codes?|vouchers?|expensive|cheap(?:er|est|ly)?|afford(?:able|ability)?(?! to)|overpriced|commission|surcharges?|payment plans?|instal(?:l)?ments?|financing|price match)\b/gi,
  /\b\d+[- ]payments?\b|\b(?:billing|billed)\b|\b(?:monthly|yearly|annual|weekly) (?:option|plan|billing|payment|subscription|membership)s?\b/gi,
  /\b(?:a|any|better|good|special|package|bulk|multi-?buy) deals?\b|\bsplit (?:the |my |our )?(?:payment|cost|bill|fee)s?\b|\bpay (?:in|over) (?:instal\w*|monthly|parts|chunks|\d+)\b/gi,
  /\b(?:out of pocket|co-?pays?|deductibles?|(?:take|accept|covered by) (?:my |your )?insurance)\b/gi,
  /\b(?:under|below|less than|max(?:imum)?|up to|around|about|no more than|within|budget of)\s+[$£€]?\d+(?:[.,]\d+)?\s?(?:k|m|grand|mil(?:lion)?)\b|\b(?:under|below|less than|max(?:imum)?|up to|no more than|budget of)\s+[$£€]\d/gi,
  /\b(?:covered|paid) by (?:the )?(?:nhs|insurance|medicare|medicaid|my (?:plan|insurer|employer)|warranty)\b|\bprivate(?:ly)? (?:only|pay|paid)\b/gi,
  /\bwhat (?:would|will|does|do) (?:[\w'-]+\s+){1,5}?come to\b|\b(?:run|set) (?:me|you|us|them) back\b|\bwould (?:it|that|this) run (?:me|us)\b|\b(?:can't|cannot|won't|don't want to) (?:go|spend|pay) (?:above|over|beyond|more than)\b/gi,
];

const CHARGE_TERMS = [
  /\b(?:extra|additional|hidden|service|monthly|annual|yearly|one[- ]off|any|a|the|that|this|other|what|which)(?: [\w€£$]+)? charges?\b/gi,
  /\bcharges\b|\bcharge of\b/gi,
  /\b(?:was|were|am|is|are|have|has|will|would|did)\s+(?:i|we|you|they|it|my \w+)\s+(?:been\s+|being\s+|get\s+|got\s+|be\s+)?charged\b|\bcharged (?:me|us)\b/gi,
  /\bcharges? (?:for|to|of|on|when|if)\b/gi,
  /\b(?:do|does|will|would|did|why do|why did) (?:you|they|it|u)(?: guys| all| folks)? charge\b|\bcharge (?:by|per) (?:the )?(?:hour|day|session|project|person|head|seat|user|month|word|page)\b/gi,
  /\bcharg(?:e|ed|ing) (?:me |us |you )?(?:a fee|extra|more|for|to)\b/gi,
  /\b(?:be|been|being|get|got|getting|was|were|am|is|are) charged\b/gi,
  /\bwhat (?:do|would|will|did) (?:you|they) charge\b/gi,
  /\b(?:no|free of) charge\b/gi,
];

// "Charge" also names a single transaction the user disputes (twice, unrecognised, the wrong
// amount or rate); that is a question about a payment, not about what something costs.
const DISPUTED_CHARGE = /\b(?:twice|two times|2 times|more than once|multiple|several times|too many times|again|repeat(?:ed)?|double[d]?|duplicate|same charges?|recogni[sz]e|authori[sz]e|unauthori[sz]ed|fraud\w*|dispute|not mine|(?:wasn't|was not|not) me|(?:didn't|did not|never) (?:make|do|buy|order|get|receive|made|got|received)|(?:don't|do not) remember|exchange rate|rates?|wrong|incorrect|not (?:right|correct)|mistake|error|pending|in progress|strange|weird|unknown|where (?:this|the) charge|cash back|revers\w*|reinstat\w*|removed|in charge|charg(?:er|ing) (?:cable|station|port)|stolen)\b/i;

const RATE_TERMS = [
  /\b(?:your|hourly|daily|weekly|nightly|monthly|day|flat|going|special|group|student|discounted|standard|base|commission|membership) rates?\b/gi,
  /(?<!\b(?:exchange|conversion|currency|fx|interbank|market|interest|show-up|success|open|response|heart|click|error|bounce)\s)\brates? (?:for|per|start)\b/gi,
  /\bwhat(?:'s| is| are) (?:the |your )?rates?\b(?! of exchange)/gi,
];

const PRICE_QUESTIONS = [
  /\bhow much (?:is|are|was|would|will|does|do|did|for|to|per|extra|more|it|this|that|they|you|money|i (?:have to|need to|would|will) pay)\b(?!\s+(?:time|longer|notice|data|space|storage|weight|room|can i|(?:the )?(?:limit|maximum|minimum|max|min)|ok|okay|allowed|left|remaining|are the rates))/gi,
  /\b(?:for free|free of charge|at no (?:extra )?cost)\b/gi,
  /\b(?:is|are|was|were|be|it's|they're)\s+(?!(?:you|we|i|he|she)\b)(?:[\w'-]+\s+){0,3}?free\b(?!\s+(?:time|slot|period|now|tomorrow|today|tonight|next|after|for a|of charge|this (?:morning|afternoon|evening|week|weekend)|at (?:\d|noon)|on (?:mon|tue|wed|thu|fri|sat|sun)|in the (?:morning|afternoon|evening)))/gi,
  /\b(?:have|need|got) to pay\b|\bpay (?:more|extra|anything|less|upfront|up front|monthly|annually|per)\b/gi,
  /\bwhat (?:do|would|will|did|should) (?:i|we) pay\b|\bhow (?:do|would|will) (?:i|we) be billed\b/gi,
  /\bwhat(?:'s| is) the damage\b|\b(?:same money|worth the money|value for money|break the bank|ballpark)\b/gi,
  /\bwhat (?:would|will|are|am) (?:i|we) (?:be )?looking at\b(?!\s+(?:on|in) (?:the|this|your) (?:map|screen|photo|picture|page|site|app))|\bwhat kind of (?:money|price|budget|figure|numbers?)\b|\bhow much money\b|\$\$+/gi,
  /\b(?:what|how much) (?:are|is|were|was) (?:they|you|he|she|the (?:owners?|sellers?|landlord|vendors?|agent)) asking\b|\basking price\b|\bwhat (?:does|do|would|will|did) (?:[\w'-]+\s+){1,4}?(?:go|sell|rent|retail|list) for\b/gi,
  /\b(?:a|an|the|your|my|free|rough|quick|ballpark|written|formal) (?:quote|quotation|estimate)s?\b|\bquote (?:me|us)\b|\bquotation\b|\b(?:get|send|give|need|want|request)(?: me| us)? (?:a |an |some )?(?:quotes|estimates)\b/gi,
  /\b(?:to spend|can spend|willing to (?:pay|spend)|looking to spend|spend(?:ing)? (?:up to|around|about|max(?:imum)?|no more than|under))\b/gi,
];

// "I don't care what it costs": the user mentions price only to wave it away.
const INDIFFERENT_BEFORE = /\b(?:(?:don't|do not|doesn't|does not|won't|wouldn't) (?:really )?(?:care|matter|mind)|no matter|regardless of|whatever)\b[^.?!]{0,30}$/i;
const INDIFFERENT_AFTER = /^[^.?!]{0,20}\b(?:(?:doesn't|does not|don't|won't) (?:really )?matter|(?:is|isn't|is not|are|aren't|are not) (?:not )?(?:so |that |very |really )?(?:important|an issue|a problem|a concern|a factor|the point)|is no object)\b/i;

const PRICE_OFFER = /\b(?:pric|cost|quote|rates|fees)/i;

function isIndifferent(analysis: AnalyzedText, hit: Hit): boolean {
  return INDIFFERENT_BEFORE.test(analysis.text.slice(hit.sentence.start, hit.start)) || INDIFFERENT_AFTER.test(analysis.text.slice(hit.end, hit.sentence.end));
}

function priceHit(analysis: AnalyzedText): Hit | undefined {
  const hits = [
    ...hitsIn(analysis, PRICE_TERMS),
    ...hitsIn(analysis, CHARGE_TERMS, { unlessSentence: DISPUTED_CHARGE }),
    ...hitsIn(analysis, RATE_TERMS),
    ...hitsIn(analysis, PRICE_QUESTIONS),
  ];
  return hits.filter((hit) => !isIndifferent(analysis, hit)).sort((first, second) => first.start - second.start)[0];
}

const PRICE_BEFORE_AMOUNT = /\b(?:is it|is that|is this|would it be|will it be|are they|it's|only|just)\s*$/i;
const PERIOD_AFTER_AMOUNT = /^\s*(?:a|an|per|\/|each|for (?:a|one|the))\s*(?:month|year|week|day|night|hour|session|person|head|seat|user|class|lesson|visit)\b/i;

/** An amount asked about as a price ("is it $50 a month?"), not one the user reports. */
function pricedQuestion(analysis: AnalyzedText): Hit | undefined {
  for (const entity of analysis.entities) {
    if (entity.type !== 'MONEY') continue;
    const sentence = analysis.sentences.find((candidate) => entity.start >= candidate.start && entity.start < candidate.end);
    if (!sentence || !analysis.text.slice(sentence.start, sentence.end).trim().endsWith('?')) continue;
    const pricedLike = PRICE_BEFORE_AMOUNT.test(analysis.text.slice(sentence.start, entity.start)) || PERIOD_AFTER_AMOUNT.test(analysis.text.slice(entity.end));
    if (pricedLike) return { ...entity, text: entity.value, sentence };
  }
  return undefined;
}

export const pricingFamily: Family = {
  name: 'pricing',
  describes: 'asks about or mentions pricing, costs or fees',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const hit = priceHit(turn.analysis) ?? pricedQuestion(turn.analysis);
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.85 };
      if (acceptsOffer(turn, PRICE_OFFER)) return { evidence: turn.analysis.text, confidence: 0.7, answersOffer: true };
    }
    return undefined;
  },
};
