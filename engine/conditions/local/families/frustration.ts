import type { AnalyzedText } from '../analysis.js';
import type { Family, JudgeInput } from '../family.js';
import { evidenceOf, hitsIn, type Hit } from '../signals.js';

// Words and phrases that state frustration or dissatisfaction on their own.
const STATED = [
  /(?<!\b(?:can't|cannot|can not|couldn't)\s)\bcomplain(?:t|ts|ing|ed)?\b/gi,
  /\b(?:frustrat\w*|annoy(?:ed|ing|s)?|angry|anger|furious|fuming|livid|pissed|irritat(?:ed|ing)|infuriat\w*|outrag\w*|exasperat\w*|upset(?:ting)?|unhappy|dissatisf\w*|unsatisf\w*|disap+oint\w*|disgust\w*|fed up|sick (?:and tired )?of|tired of|had enough|unacceptable|ridiculous|absurd|ludicrous|terrible|horrible|horrendous|awful|appalling|atrocious|worst|useless|pathetic|incompetent|rubbish|garbage|crap(?:py)?|sucks|scam|rip[- ]?off|ripped off|let down|unimpressed|nightmare|a joke)\b/gi,
  /\bnot (?:happy|satisfied|pleased|impressed|ok(?:ay)?|good enough|acceptable|normal|fair|right)\b/gi,
  /\b(?:very|so|really|extremely|pretty|quite|too) (?:bad|poor|slow|rude|unprofessional|unhelpful)\b/gi,
  /\b(?:bad|poor|horrible|terrible|awful|lousy|shoddy) (?:service|experience|support|quality|customer service|communication)\b/gi,
  /\bwast(?:e|ed|ing) (?:of )?(?:my |our )?(?:time|money)\b/gi,
  /(?:\bnot|n't) (?:getting|receiving|what|as) (?:what )?(?:was|were|i was|we were|you|it was)? ?(?:promised|advertised|described|paid for)\b/gi,
  /\bfor (?:god'?s|christ'?s|heaven'?s|pete'?s|crying out loud|f\w*) sake\b|\bwhat the (?:hell|heck|f\w*)\b|\bwtf\b|\bare you (?:kidding|serious|joking)\b/gi,
  /\blos(?:e|ing|t) (?:\w+ )?(?:bookings|clients|customers|money|business|sales|leads)\b/gi,
  /\b(?:do|does|did|can|are|is|have|has) (?:you|u|anyone|anybody|they)(?: people| guys| lot| folks)? (?:even|ever) (?:test|check|read|listen|care|know|try|bother|look|answer|work)\w*/gi,
  /\bhow many (?:more )?times (?:do|must|should|will|have|am) (?:i|we)\b|\bwhy is (?:it|this|everything) so (?:hard|difficult|complicated)\b|\bhow hard (?:is it|can it be)\b|\b(?:i'm|i am|we're|we are) (?:still )?(?:getting|going) nowhere\b|\bgetting (?:the )?run ?around\b/gi,
  /\btaking (?:forever|ages|so long|way too long|too long)\b|\b(?:i've|i have|i'd|we've|we have) had (?:it|enough)\b|\benough is enough\b|\b(?:got to|gotta|have to) be kidding\b|\bkidding me\b|\bwhy (?:does|do|is|are) (?:this|it|that|these|things|you) (?:always |still )?keep\b|\bwhy (?:does|do) (?:this|it|that) keep\b|\blos(?:e|ing|t) (?:my |our )?patience\b|\bout of patience\b|\blast straw\b|\bnever again\b|\bregret (?:buying|ordering|signing|booking|choosing|paying|it|this|coming)\b|\bdo better\b|\bhopeless\b|\bso over (?:this|it|you)\b|\bshocking\b|\bdisgrace(?:ful)?\b|\bgutted\b|\binsane\b|\bcan't believe (?:this|it|that|you|how)\b|\bbeyond (?:a joke|annoyed|frustrated|angry)\b/gi,
  /\b(?:driv(?:e|es|ing)|makes?|making) me (?:crazy|nuts|mad|insane|up the wall)\b|\b(?:at|reached) (?:the end of )?my wits'? end\b|\bfed up\b/gi,
];

// Signs of a problem or of impatience; one alone is not enough.
const SYMPTOMS = [
  /\bbroken\b|\bkeeps? (?:crash\w*|fail\w*|disconnect\w*|break\w*|freez\w*|logging|going in circles|happening)/gi,
  /\b(?:doesn't|does not|didn't|did not|won't|isn't|is not|not|never) (?:work(?:ing|s)?|load(?:ing|s)?|arrive[ds]?|arriving|come|comes|came|show(?:s|ing|ed)? up)\b/gi,
  /\b(?:don't|didn't|haven't|hasn't|never) (?:have|get|got|receive[d]?|see|seen) (?:nothing|anything|it|them|my \w+)\b|\b(?:still|yet) (?:not|no|nothing|haven't|hasn't|waiting)\b|\bnothing (?:came|come|arrived|happened|works)\b/gi,
  /\bno(?:body| one) (?:\w+ ){0,2}?(?:answer|respond|repl|got back|gotten back|get back|gets back|call|pick|help|came|come|showed|shows|bother)\w*/gi,
  /\b(?:messed|screwed|mucked|cocked) (?:it |this |that |my \w+ |our \w+ |everything )?up\b|\bscrew-?up\b|\bbotched\b|\bnot what (?:i|we) (?:ordered|asked for|paid for|expected|wanted)\b|\bwrong (?:item|order|size|colou?r|name|date|address|product|one)\b/gi,
  /\b(?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th)) (?:email|message|call|request|attempt|chat|complaint|time)\b|\btr(?:ied|ying) (?:to )?(?:reach|contact|call|get hold of|get through to|get an answer)\b/gi,
  /\byou people\b|\bmakes? no sense\b|\b(?:come on|c'mon)\s*[!.?]|\bwhy (?:does|is) (?:this|it|everything) (?:so|always)\b/gi,
  /\bno (?:response|reply|answer)\b|\bignor(?:ed|ing) (?:me|my|us)\b|\bon hold\b/gi,
  /\b(?:error|bug(?:gy)?|glitch\w*|crash\w*|damaged|scratch(?:ed)?|ruined|soaked|destroyed|smashed|torn|stained|faulty|defective|dented|overcharged|charged (?:me )?twice|lost (?:the|my|our) \w+)\b/gi,
  /\bkeeps? (?:getting|being) \w+|\b(?:can|could|will) (?:someone|somebody|anyone|you) (?:please )?(?:just )?(?:answer|reply|respond|help)\b|\bjust (?:answer|reply|respond|tell me|fix it)\b/gi,
  /\b(?:three|four|five|six|several|multiple|many|\d+) times\b|\b(?:third|fourth|fifth|\d+(?:rd|th)) time\b|\bagain\b/gi,
  /\b(?:it(?:'s| has)|its|been|waited|waiting) (?:been )?(?:over |more than |almost |nearly |for )?(?:\d+|an?|two|three|four|five|six|several|many|a few|a couple of) (?:days?|weeks?|months?|hours?)\b|\bwhat(?:'s| is| the hell is) going on\b/gi,
  /\bfor (?:an? |\d+ |two |three |several |many |a few )?(?:hour|hours|days|weeks|months|ages)\b|\bsince \d+ (?:weeks|days|months)\b|\bi (?:expected|was expecting|paid for)\b/gi,
  /[!?]{2,}|\b(?:ugh+|argh+|smh|sigh)\b|\bseriously\s*[?!]/gi,
  /\bcharged (?:me|us) for\b[^.?!]{0,40}\b(?:cancell?ed|never|didn't|did not|wasn't|not)\b/gi,
];

const SARCASM = /\b(?:oh (?:great|wonderful|fantastic|perfect|brilliant|lovely|joy)|just (?:great|perfect|wonderful|brilliant|fantastic)|(?:really |just )?lov(?:e|ing) (?:this|that|it)(?: for me| experience)?|thanks (?:a lot|for nothing)|yeah right)\b|(?:^|[.!?]\s+)(?:great|perfect|wonderful|fantastic|brilliant|lovely|awesome|nice one|thanks a lot)[.!]*\s*$|🙃|🙄|😒/i;

// Someone else's feelings ("my wife is frustrated with her dentist") are not the user's.
const SOMEONE_ELSE_FEELS = /\b(?:he|she|they|my (?:\w+ ){0,2}?(?:wife|husband|partner|son|daughter|kid|kids|child|children|friend|boss|mom|mum|dad|mother|father|sister|brother|colleague|client|clients|team|neighbou?r)|(?:his|her|their) \w+)\s+(?:is|was|are|were|gets?|got|seems?|feels?|felt)\s+(?:so |very |really |pretty |quite |a bit |getting )?$/i;
// "My last dentist was awful, that's why I'm here": a complaint about someone else.
const ABOUT_SOMEONE_ELSE = /\b(?:my|our|the) (?:last|old|previous|former|other|current) [\w'-]+(?: [\w'-]+)? (?:was|were|is|are|has been|have been)\s+(?:[\w'-]+\s+){0,2}$/i;
const ANGRY_EMOJI = /😡|😠|🤬|😤|💢|👎|😩|😫|😖|😣|😞/u;
const PLAYFUL = /\b(?:lol|lmao|haha\w*|hehe|jk|just kidding|in the best way|no worries|no stress|no problem|all good)\b|😂|🤣|😄|😁|😆|😅|😊|🙂|😉|😍/giu;
const SHOUTED_WORD = /\b[A-Z]{4,}\b/g;

const STATED_WEIGHT = 2;
const MATCH_THRESHOLD = 2;

interface Judged {
  score: number;
  evidence?: Hit;
}

// "I was annoyed at first but you sorted it, thanks!": a frustration that is over.
const RESOLVED = /\b(?:thanks? (?:so much |a lot )?for (?:fixing|sorting|solving|resolving|helping|your help|the help)|(?:all )?(?:good|fine|sorted|fixed|resolved) now|(?:you've|you have|you) (?:fixed|sorted|solved|resolved) (?:it|this|that|everything)|problem solved|appreciate (?:it|your help|the help))\b/i;
const PAST_FEELING_BEFORE = /\b(?:was|were|had been|got|felt)\s+(?:\w+\s+){0,2}$/i;

function judgeMessage(analysis: AnalyzedText): Judged {
  if (RESOLVED.test(analysis.text)) {
    const stated = hitsIn(analysis, STATED, { negatable: true });
    if (stated.length > 0 && stated.every((hit) => PAST_FEELING_BEFORE.test(analysis.text.slice(hit.sentence.start, hit.start)))) return { score: 0 };
  }
  const rules = { negatable: true, factualOnly: true };
  const stated = hitsIn(analysis, STATED, rules).filter((hit) => {
    const before = analysis.text.slice(hit.sentence.start, hit.start);
    return !SOMEONE_ELSE_FEELS.test(before) && !ABOUT_SOMEONE_ELSE.test(before);
  });
  const symptoms = hitsIn(analysis, SYMPTOMS, rules);
  const playful = analysis.text.match(PLAYFUL)?.length ?? 0;
  const shouted = (analysis.text.match(SHOUTED_WORD) ?? []).filter((word) => !/^(?:ASAP|HTTP|HTTPS|FAQ|USA|NYC|CEO|CTO|API|URL|PDF|HOA|ATM|IBAN|SEPA|SWIFT|HTML|VIP|USD|EUR|GBP)$/.test(word));
  let score = STATED_WEIGHT * stated.length + symptoms.length;
  if (shouted.length > 0) score += 1;
  if (symptoms.length > 0 && SARCASM.test(analysis.text)) score += 1;
  if (ANGRY_EMOJI.test(analysis.text)) score += 1;
  const evidence = stated[0] ?? symptoms[0];
  if (evidence) {
    const sentiment = analysis.sentimentOf(evidence.sentence);
    if (sentiment <= -0.4) score += 1;
    if (sentiment >= 0.6 && stated.length === 0) score -= 1;
  }
  score -= Math.min(2, playful);
  return { score, evidence };
}

export const frustrationFamily: Family = {
  name: 'frustration',
  describes: 'expresses frustration, dissatisfaction or a complaint',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const { score, evidence } = judgeMessage(turn.analysis);
      if (score >= MATCH_THRESHOLD && evidence) {
        return { evidence: evidenceOf(turn.analysis, evidence), confidence: Math.min(0.95, 0.6 + 0.1 * score) };
      }
    }
    return undefined;
  },
};
