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
  /\b(?:driv(?:e|es|ing)|makes?|making) me (?:crazy|nuts|mad|insane|up the wall)\b|\b(?:at|reached) (?:the end of )?my wits'? end\b|\bfed up\b/gi,
];

// Signs of a problem or of impatience; one alone is not enough.
const SYMPTOMS = [
  /\bbroken\b|\bkeeps? (?:crash\w*|fail\w*|disconnect\w*|break\w*|freez\w*|logging|going in circles|happening)/gi,
  /\b(?:doesn't|does not|didn't|did not|won't|isn't|is not|not|never) (?:work(?:ing|s)?|load(?:ing|s)?|arrive[ds]?|arriving|come|comes|came|show(?:s|ing|ed)? up)\b/gi,
  /\b(?:don't|didn't|haven't|hasn't|never) (?:have|get|got|receive[d]?|see|seen) (?:nothing|anything|it|them|my \w+)\b|\b(?:still|yet) (?:not|no|nothing|haven't|hasn't|waiting)\b|\bnothing (?:came|come|arrived|happened|works)\b/gi,
  /\bno(?:body| one) (?:\w+ )?(?:answer|respond|repl|got back|call|pick|help)\w*/gi,
  /\bno (?:response|reply|answer)\b|\bignor(?:ed|ing) (?:me|my|us)\b|\bon hold\b/gi,
  /\b(?:error|bug(?:gy)?|glitch\w*|crash\w*|damaged|scratch(?:ed)?|ruined|soaked|destroyed|smashed|torn|stained|faulty|defective|dented|overcharged|charged (?:me )?twice|lost (?:the|my|our) \w+)\b/gi,
  /\bkeeps? (?:getting|being) \w+|\b(?:can|could|will) (?:someone|somebody|anyone|you) (?:please )?(?:just )?(?:answer|reply|respond|help)\b|\bjust (?:answer|reply|respond|tell me|fix it)\b/gi,
  /\b(?:three|four|five|six|several|multiple|many|\d+) times\b|\b(?:third|fourth|fifth|\d+(?:rd|th)) time\b|\bagain\b/gi,
  /\bit(?:'s| has) been (?:over |more than |almost |nearly )?(?:\d+|two|three|four|five|six|several|many|a few) (?:days|weeks|months|hours)\b|\bwhat(?:'s| is| the hell is) going on\b/gi,
  /\bfor (?:an? |\d+ |two |three |several |many |a few )?(?:hour|hours|days|weeks|months|ages)\b|\bsince \d+ (?:weeks|days|months)\b|\bi (?:expected|was expecting|paid for)\b/gi,
  /[!?]{2,}|\b(?:ugh+|argh+|smh|sigh)\b|\bseriously\s*[?!]/gi,
  /\bcharged (?:me|us) for\b[^.?!]{0,40}\b(?:cancell?ed|never|didn't|did not|wasn't|not)\b/gi,
];

const SARCASM = /\b(?:oh (?:great|wonderful|fantastic|perfect|brilliant|lovely|joy)|just (?:great|perfect|wonderful|brilliant|fantastic)|(?:really |just )?lov(?:e|ing) (?:this|that|it)(?: for me| experience)?|thanks (?:a lot|for nothing)|yeah right)\b|(?:^|[.!?]\s+)(?:great|perfect|wonderful|fantastic|brilliant|lovely|awesome|nice one|thanks a lot)[.!]*\s*$|🙃|🙄|😒/i;

// Someone else's feelings ("my wife is frustrated with her dentist") are not the user's.
const SOMEONE_ELSE_FEELS = /\b(?:he|she|they|my (?:\w+ ){0,2}?(?:wife|husband|partner|son|daughter|kid|kids|child|children|friend|boss|mom|mum|dad|mother|father|sister|brother|colleague|client|clients|team|neighbou?r)|(?:his|her|their) \w+)\s+(?:is|was|are|were|gets?|got|seems?|feels?|felt)\s+(?:so |very |really |pretty |quite |a bit |getting )?$/i;
const ANGRY_EMOJI = /😡|😠|🤬|😤|💢|👎|😩|😫|😖|😣|😞/u;
const PLAYFUL = /\b(?:lol|lmao|haha\w*|hehe|jk|just kidding|in the best way|no worries|no stress|no problem|all good)\b|😂|🤣|😄|😁|😆|😅|😊|🙂|😉|😍/giu;
const SHOUTED_WORD = /\b[A-Z]{4,}\b/g;

const STATED_WEIGHT = 2;
const MATCH_THRESHOLD = 2;

interface Judged {
  score: number;
  evidence?: Hit;
}

function judgeMessage(analysis: AnalyzedText): Judged {
  const rules = { negatable: true, factualOnly: true };
  const stated = hitsIn(analysis, STATED, rules).filter((hit) => !SOMEONE_ELSE_FEELS.test(analysis.text.slice(hit.sentence.start, hit.start)));
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
