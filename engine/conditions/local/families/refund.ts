import type { AnalyzedText } from '../analysis.js';
import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, hitsIn, retractedAfter, type Hit } from '../signals.js';

const REFUND_REQUESTS = [
  /\brefund(?:s|ed|ing)?\b|\breturn polic(?:y|ies)\b/gi,
  /\b(?:want|need|expect|demand|give me|return|rather have|prefer|have) (?:back )?(?:(?:a |the )?(?:replacement|exchange|refund|repair|new one) or )?(?:my|our) money\b|\b(?:money|funds) back\b|\bback my money\b|\b(?:my|the|our) (?:deposit|payment|fee|fees|cash) back\b|\b(?:send|take|bring|ship|post) (?:it|them|this|these|those|the [\w'-]+|my [\w'-]+) back\b|\breimburse\w*|\bcharge ?backs?\b|\bpay (?:me|us) back\b/gi,
  /\brevers(?:e|ed|ing|al of) (?:the |this |that |my )?(?:charge|fee|payment|transaction)s?\b|\b(?:charge|fee|payment|transaction) (?:reversed|refunded)\b/gi,
  /\b(?:need|want|like|get|have|expect) (?:it|them|one of them|this|that|the \w+|my \w+|our \w+|one|both) (?:reversed|refunded|credited|returned|paid back|given back)\b|\b(?:give|send|return|want|need) (?:me |us )?(?:back )?(?:my|our) (?:[$£€]\s?\d+|\d+ (?:dollars|pounds|euros|bucks|quid))/gi,
  /\bcredit (?:me|my account|it back|the money)\b|\breturn (?:my|the|one|a|that|this|our|both|one of the) (?:money|payments?|funds|charges?|amount|deposit|fee)\b/gi,
  /\b(?:the|my|our|that|this|any) (?:difference|extra|overpayment|excess|amount|balance|overcharge|remainder|rest|deposit|payment|fee|fees|cash|charge)s? back\b|\b(?:want|expect|need|get|like|owed?|deserve) (?:the|my|our) (?:difference|overpayment|excess|overcharge)\b/gi,
  /\b(?:i|we) (?:should|want to|need to|expect to|would like to|deserve to|must) be credited\b|\bwhen (?:will|do|can) (?:i|we) (?:be|get) credited\b|\bcredit(?:ed)? (?:it |that |this |the (?:money|amount|difference) )?back\b|\b(?:charge|fee|payment)s? (?:removed|taken off|waived and refunded)\b|\bremove (?:the|this|that) (?:charge|payment)\b(?! (?:method|card|details))/gi,
  /\b(?:want|need|expect|like|get) (?:it|them|that|my money|the money|the (?:funds|payment|amount|charge))? ?(?:put |paid |sent |credited )?back (?:in|into|to|on|onto) (?:my|our|the) (?:account|card|bank|balance)\b/gi,
  /\b(?:a |the )?credit (?:to|on|onto|back to) (?:my|our|the) (?:card|account)\b|\btake (?:the|this|that) (?:charge|payment) off\b|\b(?:want|need|expect|deserve) (?:back )?what (?:i|we) paid\b|\bvoid (?:the|this|that) (?:charge|payment)\b/gi,
  /\b(?:fix|sort(?: out)?|correct|rectify|undo|remove)\b[^.!?]{0,30}\b(?:double[- ]?charge|duplicate charge|overcharge|extra charge|second charge)\b|\b(?:charged (?:me |us )?(?:twice|two times|double)|double[- ]charged|overcharged)\b[^.!?]{0,40}\b(?:please|pls|can you|could you)\b[^.!?]{0,20}\b(?:fix|sort|correct|rectify|undo|remove)\b/gi,
  /\b(?:i'm|i am|we're|we are) owed\b|\byou (?:still )?owe (?:me|us)\b/gi,
  /\bcompensat(?:e|ed|ion)\b|\brevers(?:e|ing) (?:one of (?:them|those|these|the \w+)|that one|the other one)\b/gi,
  /\b(?:return|send back)\b(?:\s+[\w'-]+){0,3}?\s+(?:item|items|order|purchase|purchases|product|it|them|this|goods)\b/gi,
  /\b(?:want|need|like|wish|going|able) to (?:return|send back)\b(?! (?:a |my |the |your )?(?:call|calls|favou?r|visit|email|message))|\b(?:can|could|may|how do|how can) (?:i|we) (?:return|send back)\b(?! (?:a |my |the |your )?(?:call|calls|favou?r|visit|email|message))/gi,
  // "want back the money I paid", "when does the money go back on my card", "still waiting on the money".
  /\b(?:want|need|get|give|send|return|expect)(?: me| us)? back (?:the|my|our|all the|all my) (?:money|deposit|payment|cash|funds|fees?)\b|\b(?:money|funds|cash) (?:go(?:es)?|goes|get|gets|be (?:put|sent|paid)|sent|paid|put) back (?:in|into|to|on|onto)\b/gi,
  /\b(?:cancel(?:l?ing)?|retract(?:ing)?) (?:the |my |a |this |that |our )?(?:previous |recent |last )?purchases?\b|\bpurchases? (?:cancell?ed|retracted)\b|\bstop (?:the )?payment\b/gi,
];

// Only turning a refund down negates it: "no refund showing" still asks about a refund.
const DECLINED_BEFORE = /\b(?:(?:don't|do not|doesn't|won't|not) (?:want|need|asking for|looking for|after|interested in|expecting)|no need for)\s+(?:[\w'-]+\s+){0,2}$|\b(?:not|rather than|instead of)\s+(?:a|an|any|the)\s+$/i;
const REFUND_OFFER = /\b(?:refund|money back|reimburse)/i;

const DECLINED_AROUND = /\bno\s+$/i;
const NOT_NEEDED_AFTER = /^\s*(?:is |was )?(?:needed|necessary|required|wanted)\b/i;

// A refund already received, with no complaint about it, is settled: "got the refund, thanks!".
const RECEIVED_BEFORE = /\b(?:got|received|have|'ve got|'ve received|has come through|came through)\s+(?:(?:the|my|our|your|a|that|this)\s+)?(?:full\s+)?$/i;
const SETTLED = /\b(?:thanks?|thank you|cheers|all good|sorted|perfect|great|appreciate)\b/i;
const UNSETTLED = /\b(?:but|only|partial|wrong|not|still|missing|short|less|half|where)\b|\?/i;
// Asking about the policy before buying is not asking for a refund.
const PRE_PURCHASE = /\bbefore (?:i|we) (?:commit|buy|purchase|sign|book|order|join|subscribe|pay|decide)|\b(?:thinking|considering|planning) (?:of|about|to) (?:buy|purchas|order|book|sign|join|subscrib)|\bjust (?:checking|asking|wondering) before\b/i;

// "the refund came through, thanks!": arrived after the word.
const RECEIVED_AFTER = /^\s*(?:has |have |finally )?(?:came|come|arrived|landed|cleared|went through|gone through|showed up|hit (?:my|the) (?:account|card|bank))\b/i;
// The user gives money back: "I got refunded twice by mistake, how do I pay you back?".
const OVER_REFUNDED = /\b(?:refunded|credited|reimbursed) (?:me |us )?(?:twice|two times|double|too much|by mistake|in error|by accident)|\b(?:pay|send|give|return) (?:you|it to you|the (?:extra|excess|difference) to you) back\b|\bpay you back\b/i;
// An exchange is not a refund: "return the dress for a different colour, not a refund".
const EXCHANGE = /\bexchange|\bswap|\bfor (?:a|the|another) (?:different|other|new|bigger|smaller|larger) |\bin (?:a |another )?(?:different |bigger |smaller )?(?:size|colou?r)\b|\bnot (?:for )?a refund\b/i;
// "if it isn't for me, can I get my money back?": asking ahead, not asking now.
const AHEAD_OF_TIME = /\bif (?:it|this|that|they|the [\w-]+) (?:isn't|is not|aren't|are not) (?:for (?:me|us)|right for (?:me|us)|a (?:good )?fit)\b|\bif (?:it|this|that|the [\w-]+) (?:doesn't|does not|don't) work out\b|\bif (?:i|we) (?:don't|do not) (?:like|enjoy|love) (?:it|this|that|the)\b|\bif (?:i|we) change (?:my|our) minds?\b|\bwithin (?:the )?first (?:\d+ |few |couple of )?(?:days?|weeks?|months?|lessons?|sessions?|classes)\b/i;

function declined(analysis: AnalyzedText, hit: Hit): boolean {
  const before = analysis.text.slice(hit.sentence.start, hit.start);
  const after = analysis.text.slice(hit.end, hit.sentence.end);
  const sentence = analysis.text.slice(hit.sentence.start, hit.sentence.end);
  if (RECEIVED_AFTER.test(after) && /\brefund\b/i.test(hit.text) && SETTLED.test(analysis.text) && !UNSETTLED.test(analysis.text)) return true;
  if (OVER_REFUNDED.test(sentence)) return true;
  if (!/refund|money|reimburs|funds|cash/i.test(hit.text) && EXCHANGE.test(sentence)) return true;
  if (AHEAD_OF_TIME.test(sentence) && /\?\s*$/.test(sentence.trim()) && !/\b(?:still|already|yet|never|again)\b/i.test(sentence)) return true;
  if (RECEIVED_BEFORE.test(before) && SETTLED.test(analysis.text) && !UNSETTLED.test(analysis.text)) return true;
  if (/\bpolic(?:y|ies)\b|\bhow (?:do|does|would) (?:refunds?|returns?) work\b/i.test(analysis.text.slice(hit.sentence.start, hit.sentence.end)) && PRE_PURCHASE.test(analysis.text)) return true;
  return DECLINED_BEFORE.test(before) || (DECLINED_AROUND.test(before) && NOT_NEEDED_AFTER.test(after));
}

// "I paid twice and want one back": something back, where the message is about money.
const SOMETHING_BACK = /\b(?:want|need|like|expect|get|have) (?:one|it|them|that|this|some|half|part|the rest|one of them|one of those)(?: of (?:it|them))? back\b|\b(?:please |pls )?(?:give|send|pay) (?:it |that |them |me |us )?(?:it |that |them )?back\s*(?:[.!]|$)/gi;
const MONEY_CONTEXT = /\b(?:paid|pay|charged|charge|money|payment|billed|fee|deposit|price|cost|overcharged|debited)\b|[$£€]/i;

// "Where's my money?" and "reverse it" ask for money back only where a purchase went wrong, not
// after a transfer or a deposit of one's own.
const MONEY_OWED = [
  /\bwhere(?:'s| is) (?:my|the|our) (?:money|funds|cash)\b(?! (?:going|spent|used|for|from (?:the|my) (?:transfer|deposit)))|\b(?:money|funds|it|payment|amount)(?: still)? (?:hasn't|has not|haven't|have not|never|not yet|isn't|is not|wasn't) (?:(?:come|came|gone|been (?:put|sent|paid|credited)) )?back\b|\b(?:would|will|should) be back (?:in|on|into) (?:my|our|the) (?:account|card)\b/gi,
  /\brevers(?:e|ing) (?:it|them|that|this|the (?:second|other|extra|duplicate) (?:one|charge|payment))\b|\b(?:be|get|been|being|getting|got) credited\b|\bcredit (?:it|that|this|the \w+)\b/gi,
];
const PURCHASE_GONE_WRONG = /\b(?:deposit|booking|class|session|trip|ticket|return(?:ed)?|sent (?:it|them|the \w+) back|cancel\w*|order\w*|items?|products?|purchase\w*|bought|you said|promised|overcharg\w*|charged (?:me |us )?(?:twice|two times|double)|double[- ]charged|charged (?:me |us )?(?:for|again)|never (?:arrived|came|received|showed)|faulty|broken|damaged)\b/i;
// "still waiting on the money from the cancelled flight": money owed back after a purchase went wrong.
const WAITING_ON_MONEY = /\b(?:still )?waiting (?:on|for) (?:the|my|our) (?:money|funds|cash|reimbursement|credit)\b/gi;
const OWN_MONEY_MOVEMENT = /\b(?:transfer\w*|deposited|depositing|cash deposit|cheque|top[- ]?up|topped up|atm|withdr[ae]w\w*|exchange rate)\b/i;

export const refundFamily: Family = {
  name: 'refund',
  describes: 'asks for a refund or about one',
  judge({ userTurns }: JudgeInput) {
    for (const [index, turn] of userTurns.entries()) {
      const { text } = turn.analysis;
      const patterns = MONEY_CONTEXT.test(text) ? [...REFUND_REQUESTS, SOMETHING_BACK] : [...REFUND_REQUESTS];
      if (!OWN_MONEY_MOVEMENT.test(text)) patterns.push(...MONEY_OWED);
      if (!OWN_MONEY_MOVEMENT.test(text) && PURCHASE_GONE_WRONG.test(text)) patterns.push(WAITING_ON_MONEY);
      const hit = hitsIn(turn.analysis, patterns).find((candidate) => !declined(turn.analysis, candidate));
      if (hit && retractedAfter(userTurns, index, hit)) continue;
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.85 };
      if (acceptsOffer(turn, REFUND_OFFER)) return { evidence: turn.analysis.text, confidence: 0.7, answersOffer: true };
    }
    return undefined;
  },
  rejects(analysis: AnalyzedText) {
    const hits = hitsIn(analysis, REFUND_REQUESTS);
    return hits.length > 0 && hits.every((hit) => declined(analysis, hit));
  },
};
