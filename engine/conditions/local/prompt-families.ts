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

/**
 * How a marketer's prompt names each family, most specific first: "cancel an appointment" is
 * about cancelling, "complains about a fee" about pricing, "change their email" about a change.
 */
const PROMPT_FAMILIES: [RegExp, Family][] = [
  [/\b(?:change|changing|update|updating|edit|editing|modify|modifying|correct|amend)\w*\b.*\b(?:details|info|information|address|e-?mail|phone|number|name|profile|contact)/i, contactChangeFamily],
  [/\brefund|\bmoney back\b|\breimburs|\bchargeback|\breturn (?:an?|the|their|his|her|some) (?:item|order|product|purchase)|\breturns? (?:an? )?(?:item|order|product|purchase)/i, refundFamily],
  [/\bcompetit|\brival|\bcompeting\b|\balternative (?:provider|tool|product|vendor|platform|service)|\bother (?:providers|vendors|platforms|companies|tools|agencies|brands)\b|\bmentions? (?:a|an|another) (?:different )?(?:company|provider|vendor|platform|tool|service|brand|agency)\b/i, competitorFamily],
  // "mentions Salesforce or Pipedrive": capitalised names to look for (case matters here).
  [/\bmention(?:s|ed)?\s+[A-Z][\w.&'-]*/, competitorFamily],
  [/\bcancel|\bterminat|\bclose (?:their|the|an|his|her|my|your)?\s*account|\bunsubscrib|\bdiscontinu|\b(?:end|stop|quit) (?:their|the|his|her) (?:subscription|membership|contract|plan|service)|\b(?:wants?|threatens?|threatening|plans?|planning) to (?:leave|quit|churn|cancel)\b(?! (?:a|an|their|his|her|some) )|\bchurn/i, cancellationFamily],
  [/\bhuman\b|\breal person|\blive (?:agent|person|chat)|\b(?:an?|the) (?:agent|representative|rep|operator|person|manager|supervisor|staff member)\b|\bstaff member|\bsomeone from|\b(?:speak|talk) (?:to|with)|\bescalat|\bcall(?:ed)? ?back/i, humanAgentFamily],
  [/\b(?:give|gives|gave|provide|provides|share|shares|leave|leaves|enter|enters|type|types|send|sends|include|includes|mention|mentions|drop|drops|offer|offers)\b.*\be-?mail|\be-?mail address/i, contactEmailFamily],
  [/\b(?:phone|mobile|cell|whatsapp|telephone)\b|\bnumber (?:we|i) can (?:call|text|reach)|\b(?:leaves?|gives?|shares?|provides?|sends?|drops?) (?:their|a|his|her|your) number\b/i, contactPhoneFamily],
  [/\bcontact (?:details|info|information)\b|\b(?:shares?|gives?|provides?|leaves?) (?:their|his|her|some|any) (?:contact|details)\b/i, contactAnyFamily],
  [/\b(?:postal|mailing|home|street|shipping|delivery|physical) address|\b(?:gives?|provides?|shares?) (?:their|his|her|an?) address\b/i, contactAddressFamily],
  [/\bpric|\bcost|\bfees?\b|\bcharges?\b|\bbudget|\bhow much\b|\brates?\b|\bquote|\bdiscount|\bafford|\bexpensive|\bcheap|\bbilling|\bpayment plans?|\binstal+ments?|\bfinancing/i, pricingFamily],
  [/\bfrustrat|\bdissatisf|\bunhappy|\bnot happy|\bannoy|\bupset|\bangry|\bcomplain|\bdisappoint|\birritat|\bfurious|\bmad\b|\b(?:sounds?|seems?|is|feels?|gets?) negative\b|\bnegative (?:sentiment|experience|tone|feedback|review)|\bbad experience|\bdispleas|\bunsatisf/i, frustrationFamily],
  [/\bbook|\b(?:re)?schedul|\breserv|\bavailab|\bappointment|\bviewing|\bdemo\b|\bregister (?:for|to)|\bspot\b|\bseat\b|\bconsultation|\b(?:a|the) (?:call|meeting|session|tour|visit)\b/i, bookingFamily],
  [/\bbuy|\bpurchas|\bready to\b|\bmove forward|\bproceed|\bsign up|\bsign(?:s|ed)? the\b|\bconvert|\bclose the deal|\bupgrade|\bsubscribe|\bcheckout|\bintent to (?:buy|purchase)|\bbuying signal|\bhot lead|\bwants? to order/i, buyingSignalFamily],
];

// A negated or combined condition ("does not mention pricing", "asks about X but not Y") would be judged backwards.
const NEGATED_PROMPT = /\b(?:not|never|no longer|doesn't|does not|don't|do not|didn't|did not|hasn't|has not|haven't|without|isn't|is not|fails? to)\b(?!\s+(?:happy|satisfied|pleased))/i;

export function familyOfPrompt(promptText: string): Family | undefined {
  if (NEGATED_PROMPT.test(promptText)) return undefined;
  return PROMPT_FAMILIES.find(([pattern]) => pattern.test(promptText))?.[1];
}
