import { bookingFamily } from './families/booking.js';
import { buyingSignalFamily } from './families/buying-signal.js';
import { cancellationFamily } from './families/cancellation.js';
import { competitorFamily } from './families/competitor.js';
import { contactChangeFamily } from './families/contact-change.js';
import { contactAddressFamily, contactAnyFamily, contactEmailFamily, contactPhoneFamily } from './families/contact.js';
import { frustrationFamily } from './families/frustration.js';
import { humanAgentFamily } from './families/human-agent.js';
import { pricingFamily } from './families/pricing.js';
import { refundFamily } from './families/refund.js';
import type { Family } from './family.js';
import { analyzeCleanText } from './analysis.js';
import { featuresOf } from './learned/features.js';
import type { TrainedModels } from './learned/models.js';

// Capitalised words after "mentions" that name no business: product models, days, months, holidays, languages.
const NOT_A_BUSINESS = String.raw`(?:Model|Version|Series|Mark|Type|Size|Edition|Gen|Mr|Mrs|Ms|Dr|God|Covid|I|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Xmas|Easter|Halloween|Thanksgiving|Valentine|Hanukkah|Diwali|Ramadan|Eid|New Year|English|Spanish|French|German|Italian|Portuguese|Chinese|Mandarin|Japanese|Korean|Arabic|Hindi|Russian|Dutch)\b`;

/**
 * Words a marketer's prompt names families by, to read a typo in them as the word ("emial",
 * "cancle", "humna", "frustated"): one letter left out or two neighbours swapped.
 */
const KEYWORDS = [
  'email', 'emails', 'address', 'phone', 'number', 'mobile', 'telephone', 'cancel', 'cancelled', 'canceled', 'cancelling', 'canceling',
  'cancellation', 'unsubscribe', 'subscription', 'membership', 'human', 'agent', 'person', 'representative', 'frustrated',
  'frustration', 'frustrating', 'dissatisfied', 'dissatisfaction', 'disappointed', 'annoyed', 'angry', 'upset', 'complain',
  'complaint', 'complains', 'refund', 'refunded', 'refunds', 'reimburse', 'reimbursement', 'pricing', 'price', 'prices',
  'costs', 'expensive', 'quote', 'competitor', 'competitors', 'competition', 'schedule', 'appointment', 'booking',
  'reservation', 'reserve', 'purchase', 'purchasing', 'upgrade', 'subscribe', 'checkout',
];
const KEYWORD_SET = new Set(KEYWORDS);
const TYPO_FIXES = new Map<string, string>();
for (const word of KEYWORDS) {
  for (let i = 0; i < word.length; i++) {
    const dropped = word.slice(0, i) + word.slice(i + 1);
    // A first letter is seldom the one left out, and leaving it out makes words ("emails" → "mails").
    if (i > 0 && dropped.length >= 5 && !KEYWORD_SET.has(dropped)) TYPO_FIXES.set(dropped, word);
    if (i + 1 < word.length && word[i] !== word[i + 1]) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (!KEYWORD_SET.has(swapped)) TYPO_FIXES.set(swapped, word);
    }
  }
}

function withTyposFixed(promptText: string): string {
  return promptText.replace(/[A-Za-z]{5,}/g, (token) => TYPO_FIXES.get(token.toLowerCase()) ?? token);
}

/**
 * How a marketer's prompt names each family, most specific first: "cancel an appointment" is
 * about cancelling, "complains about a fee" about pricing, "change their email" about a change.
 */
const PROMPT_FAMILIES: [RegExp, Family][] = [
  [/\b(?:change|changing|update|updating|edit|editing|modify|modifying|correct|amend)\w*\b.*\b(?:details|info|information|address|e-?mail|phone|number|name|profile|contact)/i, contactChangeFamily],
  [/\brefund|\bmoney (?:back|returned|refunded)\b|\bmoney (?:to be )?(?:returned|refunded|given back|paid back)\b|\bdisput\w* (?:a |the |their |his |her )?(?:charge|payment|transaction)|\bwhere (?:their|his|her|my|the) (?:money|refund) is\b|\breimburs|\bchargeback|\bcompensat|\bpaid back\b|\bpay(?:s|ing)? (?:them|him|her|the customer|the user) back\b|\b(?:deposit|payment|charge|fee|money|cash|funds) (?:back|returned|reversed)\b|\b(?:charge|payment|transaction)s? (?:to be |be )?revers|\brevers(?:e|al of) (?:a|the|their) (?:charge|payment|transaction)|\bwants? (?:it|that|them) reversed\b|\bsends? (?:(?:a|an|the|their|his|her|it|something|some) )?(?:\w+ )?back\b|\breturn(?:s|ing)? (?:an?|the|their|his|her|some|something|goods|items?|products?|orders?|purchases?)\b(?! (?:\w+ )?(?:call|calls|e-?mails?|messages?|visit|favou?r|to)\b)|\b(?:wants?|asks? for|requests?) (?:a |their )?credit\b|\bcredit(?:s|ed)? (?:back|to (?:their|his|her|the) (?:card|account))\b|\b(?:be|get|gets|getting|being) credited\b|\bstore credit\b/i, refundFamily],
  [/\bcompetit|\brival|\b(?:another|other|a different) (?:[\w.-]+ )?(?:sites?|websites?|platforms?|providers?|vendors?|compan(?:y|ies)|apps?|brands?|stores?|shops?|agenc(?:y|ies)|lenders?|banks?|carriers?|insurers?|brokers?|dealers?|marketplaces?)\b(?! (?:account|page|login|address|number))|\bcompeting\b|\balternative (?:provider|tool|product|vendor|platform|service)|\b(?:other|another|different) (?:providers?|vendors?|platforms?|compan(?:y|ies)|tools?|agenc(?:y|ies)|brands?|stores?|shops?|firms?|businesses|business|suppliers?|brokerages?|brokers?|apps?|software|products?|services?|gyms?|clinics?|schools?|studios?|salons?|dealers?|dealerships?|realtors?|options on the market|options out there)\b|\bmentions? (?:a|an|another) (?:different )?(?:company|provider|vendor|platform|tool|service|brand|agency)\b|\bcompar\w* (?:us|our \w+|prices|quotes)\b|\bcompar\w* (?:[\w'-]+ ){0,3}(?:to|with) (?:us|another|others|a competitor)\b|\bshopping around\b|\bcompar(?:ing|es?) (?:options|prices|quotes|providers|vendors|alternatives|offers)\b|\bother options\b|\balternatives?\b/i, competitorFamily],
  // "mentions Salesforce or Pipedrive": capitalised names to look for (case matters here).
  [new RegExp(String.raw`\b(?:mention(?:s|ed|ing)?|brings? up|names?|references?|talks? about|refers? to)\s+(?!${NOT_A_BUSINESS})[A-Z][\w.&'-]*`), competitorFamily],
  [/\bcancel|\bterminat|\b(?:close|closing|delete|deleting|deactivat\w*|remove|removing) (?:their|the|an|his|her|my|your)?\s*(?:account|profile|subscription|membership)|\bunsubscrib|\bdiscontinu|\bopts? out\b|\bopting out\b|\bwants? out\b|\b(?:end|ends|ending|stop|stops|stopping|quit|quits|quitting|leave|leaves|leaving|exit|exits|get out of|gets out of|break|breaks|drop|drops) (?:their|the|his|her|a|an|our|my)? ?(?:subscription|membership|contract|plan|service|account|gym|program|programme|lease|agreement)\b|\bstop(?:s|ping)? (?:being )?(?:billed|charged|paying)\b|\b(?:wants?|threatens?|threatening|plans?|planning|going|decides?|decided) to (?:leave|quit|churn|cancel)\b(?! (?:a|an|their|his|her|some) )|\bchurn|\bnot (?:to )?renew|\bthinking (?:of|about) (?:leaving|quitting|cancell?ing)|\bno longer (?:wants?|needs?|uses?)\b|\bcall(?:s|ing)? off\b|\bback(?:s|ing)? out\b|\bdrop(?:s|ping)? out\b|\b(?:is|are) leaving\b|\bleav(?:es|ing) us\b/i, cancellationFamily],
  [/\bhuman\b|\breal (?:person|people)|\blive (?:agent|person|chat|support|rep|representative|operator|human|staff)|\b(?:an?|the) (?:live |real |actual )?(?:agent|representative|rep|operator|person|manager|supervisor|staff member|team member)\b|\bstaff member|\bsupport (?:staff|team|person|agent)s?\b|\bsomeone from|\b(?:speak|talk|chat) (?:to|with) (?:a|an|the|someone|somebody|our|your|support|sales|staff|customer)|\bescalat|\bcall(?:ed)?[ -]?back\b(?! (?:number|no\b))|\b(?:reach|contact) (?:support|the team|our team|the office|staff|a person|someone)\b|\b(?:be|get|gets|getting|is|being) transferred\b|\btransfer(?:red|s)? (?:them|him|her|the (?:chat|conversation|call)) to\b|\btransfer(?:red)? to (?:a|an|the|someone|support|sales)\b|\bhand ?off|\bhand(?:ed)? over to|\bget (?:someone|somebody|a person|a human) on the (?:phone|line)|\b(?:asks? for|asking for|wants?|requests?|requesting|needs?|reach|contact) (?:the |a |an )?(?:customer (?:service|support|care)|the team directly|our team directly|a person|someone real)\b|\binstead of the bot|\bnot (?:a|the) bot/i, humanAgentFamily],
  [/\b(?:give|gives|gave|provide|provides|share|shares|leave|leaves|enter|enters|type|types|send|sends|include|includes|mention|mentions|drop|drops|offer|offers|writes?|posts?|submits?|pastes?)\b.*\be-?mail|\be-?mail address|\bmail (?:address|id)\b/i, contactEmailFamily],
  [/\b(?:phone|mobile|cell|whatsapp|telephone|digits)\b|\b(?:contact|callback|call-back|landline|direct) number\b|\bcall-?back number|\bway to (?:call|text|reach|ring) (?:them|him|her)\b|\bnumber (?:we|i) can (?:call|text|reach)|\bnumber to (?:call|text|reach)|\b(?:leaves?|gives?|shares?|provides?|sends?|drops?|writes?|types?|posts?) (?:their|a|his|her|your|us a|us their) (?:contact )?number\b/i, contactPhoneFamily],
  [/\bcontact (?:details|info|information)\b|\b(?:shares?|gives?|provides?|leaves?) (?:their|his|her|some|any) (?:contact|details)\b/i, contactAnyFamily],
  [/\b(?:postal|mailing|home|street|shipping|delivery|physical) address|\b(?:gives?|provides?|shares?) (?:their|his|her|an?) address\b/i, contactAddressFamily],
  [/\bpric|\bcost|\bfees?\b|\bcharges?\b|\bbudget|\bhow much\b|\brates?\b|\bquot(?:e|es|ation)\b|\bestimate|\bdiscount|\bafford|\bexpensive|\bcheap|\bbilling|\bpayment plans?|\binstal+ments?|\bfinancing|\b(?:a|any|good|best|better|special|package|bulk) deals?\b|\bcoupon|\bpromo|\bpremiums?\b|\btuition\b|\b(?:monthly|annual|yearly|weekly) (?:subscription|membership|plan|payment|premium|dues|rent)s? (?:is|are|costs?)\b|\bwhat (?:the |a |an |their |your |our )?(?:monthly |annual |yearly |weekly )?(?:subscription|membership|tuition|premium|rent|deposit) (?:is|costs?|comes to|runs)\b|\bper (?:month|year|week|hour|night|person|seat|user|head|session|class|visit)\b/i, pricingFamily],
  [/\bfrustrat|\bdissatisf|\bunhappy|\bnot (?:happy|satisfied|pleased)|\bannoy|\bupset|\bangry|\banger\b|\bcomplain|\bdisappoint|\birritat|\bfurious|\bmad\b|\bpissed|\bfed up|\bvent(?:s|ing)?\b|\brant|\bhostile|\brude\b|\bheated|\bimpatien|\blos(?:es|ing) (?:their |his |her )?(?:patience|temper|cool)|\bdisgruntl|\bagitat|\bexasperat|\bunimpressed|\b(?:sounds?|seems?|is|feels?|gets?) negative\b|\bnegative (?:sentiment|experience|tone|feedback|review|emotion)|\bbad (?:experience|time|review|rating|mood)|\bdispleas|\bunsatisf|\bgrumpy|\bcross\b|\b(?:sick|tired)(?: and tired)? of\b|\bhad enough\b|\bcan'?t stand\b|\bwaste of (?:time|money)\b|\bridiculous\b|\bunacceptable\b|\bfuming\b|\blivid\b|\boutrag|\benraged?\b/i, frustrationFamily],
  // "wants to book and pay for the package": paying is the purchase, the booking only its form.
  [/\b(?:book|reserve|order)s? (?:it )?and pay\b/i, buyingSignalFamily],
  [/\bbook|\b(?:re)?schedul|\breserv|\bavailab|\bappointment|\bviewing|\bdemo\b|\bregister (?:for|to)|\bspot\b|\bseat\b|\bconsultation|\b(?:a|the) (?:call|meeting|session|tour|visit|class|lesson|table|slot)\b|\btime ?slot|\bmeeting\b|\bcome (?:in|by|over|round|visit)\b|\bvisit\b|\bsee (?:a|the|their) (?:doctor|dentist|vet|stylist|specialist|property|house|flat|apartment|place|home|unit)\b|\bsign(?:s|ing)? up for (?:a|an|the) (?:class|lesson|session|workshop|tour|trial|appointment|webinar|event)|\bset(?:s|ting)? up (?:a|the) (?:time|call|meeting|chat|date)|\bon (?:the|our|my|their) (?:calendar|diary|schedule)\b|\b(?:to|wants? to|asks? to) meet\b|\bget a time\b|\ba time with\b/i, bookingFamily],
  [/\bbuy(?!er)|\bpurchas|\bready to\b|\bmove forward|\b(?:move|moves|moving) ahead\b|\bgo(?:es)? forward\b|\bproceed|\bsign up|\bsign(?:s|ed)? the\b|\bconvert|\bclose the deal|\bupgrade|\bsubscribe(?!r)|\bcheckout|\bintent to (?:buy|purchase)|\bbuying signal|\bhot lead|\bwants? to order|\bplac(?:e|es|ing) (?:an |the |a )?order|\bgo(?:es)? ahead\b|\bagrees? to (?:the )?(?:deal|offer|terms|quote|price|proposal)|\bcommits?\b|\bcommitted\b|\bpurchase intent|\bsales? ready|\bready\b|\bsays? yes\b|\bget(?:s|ting)? started\b|\baccepts? (?:the|our|a) (?:offer|quote|proposal|deal)|\bsign(?:s|ing)? on\b|\benrol+(?:s|ed|ing)?\b(?! (?:fee|cost|price))|\b(?:wants?|ready|keen|looking|decides?|decided|going|plans?|planning) to (?:join|become a (?:member|client|customer|patient|student))\b|\bhow (?:to|do (?:i|we|they)|can (?:i|we|they)|they can|he can|she can) pay\b|\b(?:wants?|ready) to pay\b/i, buyingSignalFamily],
  // "mentions another language school like Berlitz or EF": named businesses to look for.
  [new RegExp(String.raw`\b(?:mention(?:s|ed|ing)?|brings? up|names?|talks? about|refers? to|compares?)\b[^.]*?(?:\b(?:like|such as|e\.g\.?|including|for example)\s+|\(\s*)(?!${NOT_A_BUSINESS})[A-Z][\w.&'-]*`), competitorFamily],
  // Whatever else a prompt says about an email is about the user giving one ("Email captured").
  [/\be-?mail\b/i, contactEmailFamily],
];

// A negated or combined condition ("does not mention pricing", "asks about X but not Y") would be judged backwards.
// "no longer wants the service" is a cancellation, "a person, not the bot" a request for a human.
const NEGATED_PROMPT = /\b(?:not|never|no longer(?!\s+(?:wants?|needs?|uses?|requires?)\b)|doesn't|does not|don't|do not|didn't|did not|hasn't|has not|haven't|without|isn't|is not|fails? to)\b(?!\s+(?:happy|satisfied|pleased|impressed|(?:a|the) (?:bot|machine|robot|ai|chatbot)\b))/i;

/** What the prompt model sees of a prompt, in training and at run time alike. */
export function promptFeaturesOf(promptText: string): string[] {
  return featuresOf(analyzeCleanText(withTyposFixed(promptText)));
}

const FAMILIES_BY_NAME = new Map<string, Family>(PROMPT_FAMILIES.map(([, family]) => [family.name, family]));

// How sure the prompt model must be to name a family the patterns found none for, and to
// overrule the family they found (they read "gives a number for the agent to call" as a request
// for an agent).
const MIN_PROBABILITY_WITHOUT_PATTERN = 0.5;
const MIN_PROBABILITY_TO_OVERRULE = 0.9;

/** The family a marketer's prompt names: by its patterns, checked by the trained prompt model. */
export function familyOfPrompt(promptText: string, models: TrainedModels): Family | undefined {
  if (NEGATED_PROMPT.test(promptText)) return undefined;
  const text = withTyposFixed(promptText);
  const byPattern = PROMPT_FAMILIES.find(([pattern]) => pattern.test(text))?.[1];
  const learned = models.classifyPrompt(promptFeaturesOf(promptText));
  const byModel = FAMILIES_BY_NAME.get(learned.name);
  if (!byPattern) return learned.probability >= MIN_PROBABILITY_WITHOUT_PATTERN ? byModel : undefined;
  return byModel && byModel !== byPattern && learned.probability >= MIN_PROBABILITY_TO_OVERRULE ? byModel : byPattern;
}
