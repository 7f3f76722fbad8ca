import type { AnalyzedText } from '../analysis.js';
import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, hitsIn, retractedAfter, type Hit, type UserTurn } from '../signals.js';

/** What can be cancelled; a prompt about one kind is not satisfied by cancelling another. */
type Target = 'service' | 'appointment' | 'order' | 'payment';

const TARGET_WORDS: Record<Target, RegExp> = {
  service: /\b(?:subscriptions?|subs|memberships?|gym|club|profile|lease|tenancy|agreements?|insurance|cover|plans?|accounts?|services?|contracts?|trials?|renewals?|auto-?renew(?:al)?|newsletters?|newspapers?|magazines?|mailing lists?|text alerts?|alerts|notifications|programs?|programmes?|licen[cs]es?|seats?|policy)\b/i,
  appointment: /\b(?:appointments?|appt|bookings?|reservations?|sessions?|meetings?|calls?|viewings?|visits?|consultations?|class(?:es)?|lessons?|registrations?|spots?|demos?|tours?|slots?|tickets?|events?|webinars?|workshops?)\b/i,
  order: /\b(?:orders?|ordered|purchases?|purchased|shipments?|deliver(?:y|ies)|items?|packages?|parcels?)\b/i,
  payment: /\b(?:transfers?|payments?|transactions?|direct debits?|standing orders?|cards?|top[- ]?ups?|withdrawals?)\b/i,
};

const TARGET_ORDER: Target[] = ['payment', 'order', 'appointment', 'service'];
// Recurring payments are what a subscription is, whatever the word for them.
const RECURRING = /\b(?:monthly|yearly|annual|weekly|recurring|automatic|auto-?)\s*(?:payments?|billing|charges?|debits?|fees?|renewals?|deliver(?:y|ies)|boxes)\b|\b(?:monthly|weekly|daily|recurring|automatic|marketing|promotional) (?:texts|text messages|emails|e-mails|messages|newsletters?|mailers?|alerts)\b|\bevery (?:month|year|week)\b|\b(?:the|my|these|all) (?:deliveries|boxes)\b/i;

function targetIn(text: string): Target | undefined {
  if (RECURRING.test(text)) return 'service';
  return TARGET_ORDER.find((target) => TARGET_WORDS[target].test(text));
}

/** The kind of thing the prompt is about ("cancel their subscription" → service), if any. */
function promptTarget(promptText: string): Target | undefined {
  const afterVerb = /\b(?:cancel\w*|close|terminat\w*|end|stop|quit|delete)\b(.*)$/i.exec(promptText);
  if (!afterVerb) return undefined;
  // "cancel their order or subscription" names two kinds: either will do.
  const named = TARGET_ORDER.filter((target) => TARGET_WORDS[target].test(afterVerb[1]));
  return named.length > 1 ? undefined : targetIn(afterVerb[1]);
}

const OBJECT_WINDOW = String.raw`(?:\s+[\w'#-]+){0,4}`;
const EXPLICIT_REQUESTS = [
  new RegExp(String.raw`\b(?:cancel|cancell?ing|terminate|terminating|discontinue|discontinuing|deactivate|deactivating|inactivate|invalidate|unsubscribe|unsubscribing|opt(?:ing)? out|call(?:ing)? off)\b${OBJECT_WINDOW}`, 'gi'),
  /\b(?:want|need|like|have|get|request)(?: that)?(?: (?:it|this|that|them|my|the|our) \w+| it| this| that| them)?(?: to)?(?: be)? (?:cancell?ed|closed|deleted|terminated|stopped|deactivated|removed)\b/gi,
];
// Everyday verbs that only mean cancelling when their object is something cancellable.
const EVERYDAY_REQUESTS = new RegExp(
  String.raw`\b(?:close|closing|shut(?:ting)? down|exit|exiting|get out of|getting out of|back out of|opt out of|delete|deleting|disable|disabling|turn(?:ing)? off|switch(?:ing)? off|remove|removing|end|ending|stop|stopping|quit|quitting|leave|leaving|drop|dropping|withdraw|withdrawing|pull out of|get out of|get rid of|scrap|void|kill)(?: out| down)?${OBJECT_WINDOW}`,
  'gi',
);
const STOP_RECURRING_CHARGES = /\b(?:charging|billing|debiting|taking (?:money|payments?))\b/i;
const STOP_SHIPPING = /\bbefore it (?:ships|goes out|is sent|leaves)\b/i;

function targetOfEveryday(analysis: AnalyzedText, hit: Hit): Target | undefined {
  if (STOP_RECURRING_CHARGES.test(hit.text)) return 'service';
  if (STOP_SHIPPING.test(analysis.text.slice(hit.start, hit.sentence.end))) return 'order';
  return targetIn(hit.text);
}

const IMPLICIT_REQUESTS: { pattern: RegExp; target?: Target }[] = [
  { pattern: /\b(?:don't|do not|won't|will not) (?:even )?(?:want|need|use|be needing|be using)(?: (?:this|the|my|it|your|our|them)(?: \w+)?)? (?:anymore|any more|any longer)\b|\bno longer (?:want|need|use|require|wish)\b|\b(?:i'm|i am|we're|we are) done with\b|\bwant out\b|\b(?:want|like|need) out of (?:my|our|the|this)\b/gi },
  { pattern: /\b(?:don't|do not|won't|will not) (?:want|wish|plan|intend|need) to (?:be (?:charged|billed|debited)|pay|keep paying|continue|carry on|stay)(?: (?:for|with) (?:it|this|the \w+|my \w+))? (?:anymore|any more|any longer|after (?:this|that|the)|beyond)\b|\b(?:don't|do not) want to (?:continue|carry on|stay) (?:with|on)\b/gi, target: 'service' },
  { pattern: /\b(?:don't|do not|won't|will not|not going to) (?:(?:want|wish|plan|intend|need) to )?(?:auto-?)?renew\b|\bturn off (?:the |my )?auto-?renew(?:al)?\b|\bwon't be (?:needing|renewing|using)\b/gi, target: 'service' },
  { pattern: /\b(?:can't|cannot|can not|won't(?: be able to)?|will not(?: be able to)?|unable to|not able to|not going to|couldn't|(?:am|i'm) not (?:going to be )?able to) (?:make it|come|attend|be there|join|show up|make the)\b|\btake (?:me|us) off (?:the )?(?:schedule|list|register|roster|class)\b/gi, target: 'appointment' },
  { pattern: /\bstop (?:sending|emailing|texting|messaging|contacting|calling) (?:me|us)\b|\b(?:remove|take) (?:me|us) (?:off|from) (?:your|the|this|all) (?:\w+ )?(?:list|lists|emails|newsletters?)\b/gi, target: 'service' },
  { pattern: /\b(?:finish|finishing|break|breaking|end|ending) (?:my|our|the) (?:\w+ )?(?:contract|membership|subscription|lease|agreement)(?: early| now| before)?\b(?! (?:is|was|ends?|ended|in|on|next|this|at)\b)/gi, target: 'service' },
  { pattern: /\b(?:don't|do not|stop|quit|please stop) (?:charg|bill|debit)\w* (?:me|us|my card|my account)(?: for (?:it|this|that))? (?:again|anymore|any more|next month|going forward|from now on|every month|each month|monthly)\b|\btake (?:me|us) off (?:the )?(?:auto-?pay|auto-?renew\w*|direct debit|recurring (?:billing|payments?)|billing)\b/gi, target: 'service' },
  { pattern: /\b(?:don't|do not|won't|will not) (?:want|wish|plan|intend) to (?:continue|carry on|keep going|stay on)\b|\bwon't be (?:continuing|staying|coming back)\b|\bnot (?:continuing|renewing)\b/gi },
  // "get me off this thing", "take us off your list": out of something they receive.
  { pattern: /\b(?:get|take|remove|drop) (?:me|us) (?:off|out of|from) (?:this|that|these|the|your|all|every) (?:[\w-]+ ){0,2}?(?:thing|things|list|lists|texts|emails|messages|newsletters?|mailing|service|subscriptions?|plan|program(?:me)?|alerts|notifications)\b|\bno more (?:send(?:ing)?|deliver(?:ing|ies)|texts|emails|messages|newspapers?|magazines?|boxes)\b/gi, target: 'service' },
  // "Consider this my notice": formal notice to leave.
  { pattern: /\b(?:consider this|take this as|this is|here(?:'s| is)|please accept|accept this as) (?:my|our) (?:formal |official |written |\d+[- ]day |thirty[- ]day |two[- ]week |30[- ]day )?notice\b|\b(?:i'm|i am|we're|we are) (?:hereby )?giving (?:you )?(?:my |our )?(?:formal |official |written )?notice\b/gi, target: 'service' },
  { pattern: /\bdrop(?:ping)? out\b|\bpull(?:ing)? out\b|\b(?:want|going|need|have|decided|planning) to quit\b|\bi quit\b/gi },
];

// Signs that the user is about to leave for someone else; a threat counts when the prompt asks about threats.
const CHURN = /\b(?:take|taking|move|moving) (?:my|our) (?:business|money|custom) (?:elsewhere|somewhere else)\b|\b(?:go|going|switch|switching|move|moving) (?:to )?(?:elsewhere|somewhere else|a competitor|another (?:company|provider|agency|gym|clinic|dentist|platform|service|vendor))\b|\bfind (?:another|a different|a new) (?:provider|company|agency|gym|clinic|dentist|platform|service|vendor)\b|\b(?:leave|leaving) (?:you|your (?:company|service|platform|gym|clinic|agency))\b/gi;
const CHURN_PROMPT = /\bthreat|\bchurn|\bat risk\b|\bleav(?:e|ing)\b(?! (?:a|an|their|his|her|some) )/i;

// "If I cancel today, do I still pay for March?" is a cancellation about to happen.
const IMMINENT_CANCEL = /\bif (?:i|we) (?:cancel|close|end|stop|terminate)\b(?:\s+[\w'-]+){0,3}?\s+(?:now|today|tonight|right now|this (?:week|month)|immediately)\b/gi;

// Asking how cancelling works before buying is not asking to cancel.
const POLICY_QUESTION = /\b(?:polic(?:y|ies)|anytime|any time|at any point|locked in|lock-?in|how (?:easy|hard|difficult)|is it (?:easy|hard|difficult)|before (?:i|we) (?:sign|buy|commit|join|subscribe|purchase|book))\b/i;

const CANCEL_OFFER = /\b(?:cancel|close|terminate|end|stop)/i;

function compatible(wanted: Target | undefined, found: Target | undefined): boolean {
  return wanted === undefined || found === undefined || wanted === found;
}

// "How do I cancel if I ever need to?": asking ahead of time, not asking now.
const PROSPECTIVE = /\b(?:if (?:i|we) (?:ever|need|want|have|decide|change)|if (?:my |our |the )?plans? (?:change|fall through)|if (?:something|anything) (?:comes up|changes|happens)|just in case|to be (?:safe|on the safe side)|if needed|if necessary|in (?:the )?future|down the (?:line|road)|later on|at some point|just (?:checking|asking|curious|wondering)|before (?:i|we) (?:sign|buy|commit|join|subscribe|purchase|book|pay))\b/i;
const QUESTION_SENTENCE = /\?\s*$|^\s*(?:how|can|could|what|is|are|do|does|will|would)\b/i;

function cancellationIn(turn: UserTurn, wanted: Target | undefined, threatsCount: boolean, earlierTarget?: Target): Hit | undefined {
  const hit = cancellationHit(turn, wanted, threatsCount, earlierTarget);
  if (hit && PROSPECTIVE.test(turn.analysis.text) && QUESTION_SENTENCE.test(turn.analysis.text.slice(hit.sentence.start, hit.sentence.end))) return undefined;
  return hit;
}

// "My membership. I want to end it": the pronoun stands for what the user named before.
const PRONOUN_OBJECT = /^\S+(?:\s+(?:out|down))?\s+(?:it|this|that|them)\b/i;

function cancellationHit(turn: UserTurn, wanted: Target | undefined, threatsCount: boolean, earlierTarget?: Target): Hit | undefined {
  const { analysis } = turn;
  const rules = { negatable: true, factualOnly: true, unlessSentence: POLICY_QUESTION };
  const messageTarget = targetIn(analysis.text);
  const requests = [
    ...hitsIn(analysis, EXPLICIT_REQUESTS, rules).map((hit) => ({ hit, target: targetIn(hit.text) ?? messageTarget })),
    ...hitsIn(analysis, [EVERYDAY_REQUESTS], rules)
      .map((hit) => ({ hit, target: targetOfEveryday(analysis, hit) ?? (PRONOUN_OBJECT.test(hit.text) ? messageTarget ?? earlierTarget : undefined) }))
      .filter(({ target }) => target !== undefined),
  ].sort((first, second) => first.hit.start - second.hit.start);
  const request = requests.find(({ target }) => compatible(wanted, target));
  if (request) return request.hit;
  for (const { pattern, target } of IMPLICIT_REQUESTS) {
    const hit = hitsIn(analysis, [pattern], { factualOnly: true, unlessSentence: POLICY_QUESTION })[0];
    if (hit && compatible(wanted, target ?? messageTarget)) return hit;
  }
  const imminent = hitsIn(analysis, [IMMINENT_CANCEL], { negatable: true })[0];
  if (imminent && compatible(wanted, messageTarget)) return imminent;
  return hitsIn(analysis, [CHURN], { negatable: true, factualOnly: !threatsCount })[0];
}

export const cancellationFamily: Family = {
  name: 'cancellation',
  describes: 'wants to cancel',
  judge({ userTurns, promptText }: JudgeInput) {
    const wanted = promptTarget(promptText);
    const threatsCount = CHURN_PROMPT.test(promptText);
    let earlierTarget: Target | undefined;
    for (const [index, turn] of userTurns.entries()) {
      const hit = cancellationIn(turn, wanted, threatsCount, earlierTarget);
      earlierTarget = targetIn(turn.analysis.text) ?? earlierTarget;
      if (hit && retractedAfter(userTurns, index, hit)) continue;
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.8 };
      if (acceptsOffer(turn, CANCEL_OFFER)) return { evidence: turn.analysis.text, confidence: 0.7, answersOffer: true };
    }
    return undefined;
  },
};
