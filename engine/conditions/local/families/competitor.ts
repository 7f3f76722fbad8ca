import { isKnownWord, type AnalyzedText } from '../analysis.js';
import type { Family, Finding, JudgeInput } from '../family.js';
import { LruMap } from '../../lru.js';
import { evidenceOf, firstHit } from '../signals.js';

const LIST_SEPARATOR = /\s*(?:,|\/|;|\bor\b|\band\b|&)\s*/;
const MAX_NAME_LENGTH = 40;

function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((name) => name.trim().replace(/^(?:e\.g\.?|i\.e\.?|etc\.?)\s*/i, '').replace(/[.\s]+$/, ''))
    .filter((name) => name.length > 0 && name.length <= MAX_NAME_LENGTH && !/^etc$/i.test(name));
}

/** Names the prompt lists: "(Calendly, Acuity, HubSpot)", "such as Zillow or Redfin", "mentions Noom or WW". */
export function competitorNamesInPrompt(prompt: string): string[] {
  const names: string[] = [];
  for (const group of prompt.matchAll(/\(([^)]+)\)/g)) names.push(...splitList(group[1]));
  const listed = /\b(?:such as|like|e\.g\.?|including|for example|namely)\s+([^.;:()]+)/i.exec(prompt);
  // "like Squarespace or Wix comes up": a capitalised name ends where the prompt's own words begin.
  if (listed) names.push(...splitList(listed[1]).map((name) => (/^[A-Z]/.test(name) ? name.replace(/\s+[a-z].*$/, '') : name)));
  const capitalized = String.raw`[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*`;
  const list = String.raw`(${capitalized}(?:\s*(?:,|/|\bor\b|\band\b)\s*${capitalized})*)`;
  const mentioned = new RegExp(String.raw`\b(?:mention(?:s|ed)?|brings? up|names?|talks? about|refers? to)\s+${list}`).exec(prompt);
  if (mentioned) names.push(...splitList(mentioned[1]));
  // "Competitor mention: Calendly, Acuity, HubSpot"
  const afterColon = new RegExp(String.raw`:\s*${list}\s*\.?\s*$`).exec(prompt);
  if (afterColon) names.push(...splitList(afterColon[1]));
  return names;
}

const DETERMINER_BEFORE = /\b(?:a|an|the|my|your|our|his|her|their|its|this|that|these|those|some|any|no)\s+$/i;
const BRAND_NOUN_AFTER = /^(?:'s)?\s+(?:app|website|site|account|listings?|plan|subscription|integration|prime|store|order|membership|class(?:es)?|gym|premium|pro|business|seller|marketplace|page|platform|link|version|calendar|meetings?|scheduling|crm|agent|agents|realtor)\b/i;
const BRAND_CONTEXT_BEFORE = /\b(?:use|uses|using|used|on|off|from|with|at|to|ditch(?:ed|ing)?|dump(?:ed|ing)?|drop(?:ped|ping)?|replac(?:e|ed|ing)|quit|quitting|listed with|been with|go with|went with|sign(?:ed)? with|member (?:of|at)|customer (?:of|at)|switch(?:ing|ed)? (?:from|to)|moving (?:from|to)|migrat\w+ from|vs\.?|versus|than|like|compared to|tried|trying|via|through|over|at|left|leaving|instead of|prefer|cancel(?:l?ed)?|signed up (?:with|for)|pay(?:ing)? for)\s+$/i;

interface NameForm {
  name: string;
  pattern: RegExp;
  /** An everyday word ("Compass", "Target"): needs a capital letter or a brand-like context. */
  ambiguous: boolean;
  caseSensitive: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const FORM_MEMO_SIZE = 1_000;
const formsByName = new LruMap<string, NameForm>(FORM_MEMO_SIZE);

const MIN_HEAD_LENGTH = 4;

/** "Acuity Scheduling" is also mentioned as plain "acuity"; a one-word name is its only form. */
function formsOf(name: string): NameForm[] {
  const [head, ...rest] = name.split(/\s+/);
  return rest.length > 0 && head.length >= MIN_HEAD_LENGTH ? [formOf(name), formOf(head)] : [formOf(name)];
}

function formOf(name: string): NameForm {
  const memo = formsByName.get(name);
  if (memo) return memo;
  const form = newForm(name);
  formsByName.set(name, form);
  return form;
}

function newForm(name: string): NameForm {
  const words = name.split(/\s+/);
  // Short acronyms ("EF", "AT&T") only in capitals; a short brand ("Wix") is often typed in lower case.
  const caseSensitive = name.replace(/\W/g, '').length <= 3 && (name === name.toUpperCase() || words.every((word) => isKnownWord(word)));
  // "HubSpot" is also written "hub spot", "Planet Fitness" also "planetfitness".
  const parts = words.flatMap((word) => word.split(/(?<=[a-z])(?=[A-Z])/));
  const body = parts.map(escapeRegExp).join(String.raw`[\s.-]*`);
  return {
    name,
    pattern: new RegExp(String.raw`(?<![\w@.])${body}(?:'?s)?(?![\w])`, caseSensitive ? 'g' : 'gi'),
    ambiguous: words.every((word) => isKnownWord(word)),
    caseSensitive,
  };
}

function mentionedAt(analysis: AnalyzedText, form: NameForm, start: number, end: number): boolean {
  const text = analysis.text;
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 30);
  const brandAfter = BRAND_NOUN_AFTER.test(after);
  // "an uber" and "my Peloton" are still the brand; "the Amazon" may be the river, "a compass" is not.
  if (!form.ambiguous) return brandAfter || !/\bthe\s+$/i.test(before);
  if (DETERMINER_BEFORE.test(before) && !brandAfter) return false;
  const sentenceStart = analysis.sentences.find((sentence) => start >= sentence.start && start < sentence.end)?.start ?? 0;
  const capitalized = /[A-Z]/.test(text[start]) && text.slice(sentenceStart, start).trim().length > 0;
  return capitalized || brandAfter || BRAND_CONTEXT_BEFORE.test(before) || BRAND_ACTS_AFTER.test(after);
}

const MIN_FUZZY_LENGTH = 5;

function withinOneEdit(first: string, second: string): boolean {
  if (Math.abs(first.length - second.length) > 1) return false;
  let index = 0;
  while (index < first.length && index < second.length && first[index] === second[index]) index += 1;
  const restOfFirst = first.slice(index);
  const restOfSecond = second.slice(index);
  return (
    restOfFirst.slice(1) === restOfSecond.slice(1) ||
    restOfFirst === restOfSecond.slice(1) ||
    restOfFirst.slice(1) === restOfSecond ||
    (restOfFirst[0] === restOfSecond[1] && restOfFirst[1] === restOfSecond[0] && restOfFirst.slice(2) === restOfSecond.slice(2))
  );
}

/** A misspelled brand ("acuitty") is a word wink does not know within one edit of the name. */
function misspeltMention(analysis: AnalyzedText, form: NameForm): { start: number; end: number } | undefined {
  const head = form.name.split(/\s+/)[0].toLowerCase();
  if (head.length < MIN_FUZZY_LENGTH) return undefined;
  return analysis.tokens.find((token) => !token.known && token.lower !== head && withinOneEdit(token.lower, head));
}

function namedMention(analysis: AnalyzedText, forms: NameForm[]): Finding | undefined {
  for (const form of forms) {
    for (const match of analysis.text.matchAll(form.pattern)) {
      if (mentionedAt(analysis, form, match.index, match.index + match[0].length)) {
        return { evidence: evidenceOf(analysis, { start: match.index, end: match.index + match[0].length }), confidence: form.ambiguous ? 0.75 : 0.9 };
      }
    }
    const misspelt = misspeltMention(analysis, form);
    if (misspelt) return { evidence: evidenceOf(analysis, misspelt), confidence: 0.7 };
  }
  return undefined;
}

// Asking whether alternatives exist ("are there other tools like this?") names no competitor.
const ALTERNATIVES_QUESTION = /\b(?:are there|is there|do you know (?:of )?|any) (?:any )?(?:other|another|similar|alternative)\b/i;

// Explicit talk of another provider counts whatever names the prompt lists.
const UNNAMED_COMPETITOR = [
  /\b(?:your )?competitors?\b|\bcompetition\b/gi,
  /\b(?:another|a different|other) (?:company|companies|provider|providers|vendor|vendors|platform|platforms|tool|tools|app|apps|service|services|agency|agencies|site|sites|website|store|stores|shop|brand|clinic|gym|studio|dentist|realtor|broker|software)\b/gi,
  /\bthe other (?:guys|place|company|companies|shop|gym|agency|clinic|provider|one down the road)\b|\bmy (?:old|previous|last|current|former|usual) (?:provider|company|agency|gym|dentist|clinic|supplier|vendor|broker|realtor|platform|tool|software|host|trainer|school|studio|salon|plumber|contractor|builder|garage|mechanic|insurer|carrier|app)\b|\b(?:a couple|a few|two|three|some) (?:of )?others\b|\bcompar(?:ing|e) (?:you|your \w+) (?:to|with|against)\b|\bshop(?:ping)? around\b|\b(?:down the road|across the street|around the corner) (?:is|are|does|charges?|offers?|has)\b/gi,
  /\b(?:cheaper|better|for less) (?:elsewhere|somewhere else)\b|\bswitch(?:ing|ed)? (?:over )?from\b|\bprice match\b/gi,
];

// A business the prompt does not list, named where only a rival fits: "switching from Setmore".
const SWITCHING_CONTEXT = /\b(?:talking to|talked to|speaking (?:to|with)|spoke (?:to|with)|(?:an? |the )?offer from|heard (?:good things )?about|went with|going with|go with|currently (?:use|using|with|on|at)|(?:i'm|i am|we're|we are) (?:currently |still )?(?:using|with)|switch(?:ing|ed)? (?:over )?(?:from|to)|mov(?:e|ing|ed) (?:over )?(?:from|off|to)|migrat\w* (?:from|off)|(?:left|leaving|ditch(?:ed|ing)?|quit(?:ting)?|cancell?(?:ed|ing)?) (?:my \w+ (?:at|with) )?|(?:a |the |their )?quote (?:from|by)|quoted (?:me |us )?(?:by|from)?|cheaper (?:at|on|with|from|over at)|(?:over|signed up|been) (?:at|with)|compared? (?:to|with)|vs\.?|versus|better than)\s+$/i;
const NOT_A_BRAND = /^(?:I|I'm|I'll|A|An|The|My|Our|Your|Their|This|That|It|You|We|They|Me|Us|Them|Here|There|Now|Then|Today|Tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Google|Gmail|Outlook|Excel|Word|Chrome|Safari|Windows|Mac|iPhone|Android|Zoom|Teams|Slack|WhatsApp|Facebook|Instagram|PayPal|Visa|Mastercard|Stripe|Apple|Microsoft)$/;

// "Redfin offered me 1%": a business that offers, charges or quotes.
const BRAND_ACTS_AFTER = /^\s+(?:offers?|offered|charges?|charged|quoted|quotes|wants? (?:[$£€]|\d)|(?:is|are|was|were) asking (?:for )?[$£€\d]|asks? (?:for )?[$£€\d]|sells? (?:it|them|the same)|gave (?:me|us)|gives (?:me|us)|does (?:it|this|that)|did (?:it|this|that)|only charges?|(?:is|are|was|were) (?:cheaper|better|offering|charging|quoting|giving)|said (?:they|it)|told (?:me|us)|promised)\b/i;

function unlistedBrand(analysis: AnalyzedText): Finding | undefined {
  for (const match of analysis.text.matchAll(/\b[A-Za-z][\w&'-]*[A-Za-z0-9]\b/g)) {
    const word = match[0];
    const before = analysis.text.slice(Math.max(0, match.index - 40), match.index);
    const acts = BRAND_ACTS_AFTER.test(analysis.text.slice(match.index + word.length, match.index + word.length + 30));
    if ((!SWITCHING_CONTEXT.test(before) && !acts) || NOT_A_BRAND.test(word)) continue;
    const token = analysis.tokens.find((candidate) => candidate.start === match.index);
    const capitalized = /^[A-Z]/.test(word);
    if (acts && !SWITCHING_CONTEXT.test(before) && !(capitalized && token && !token.known)) continue;
    if (token && !token.known && (capitalized || (word.length >= 4 && /\b(?:from|off|at|with)\s+$/i.test(before)))) return { evidence: evidenceOf(analysis, { start: match.index, end: match.index + word.length }), confidence: 0.6 };
  }
  return undefined;
}

// A rival is named (a word outside wink's vocabulary, or capitalised inside a sentence) or pointed
// at ("another clinic", "the place down the road"); a message with neither mentions none.
const POINTS_AT_A_RIVAL = /\b(?:other|another|different|rivals?|competitors?|competition|elsewhere|somewhere else|across (?:the )?town|down the (?:road|street)|next door|previous|old|current|switch\w*|moving (?:to|over)|cheaper (?:at|on|from|with)|price match\w*)\b/i;

function namesSomething(analysis: AnalyzedText): boolean {
  const sentenceStarts = new Set(analysis.sentences.map((sentence) => sentence.start));
  return analysis.tokens.some(
    (token) => token.type === 'word' && token.lower !== 'i' && (!token.known || (token.capitalized && !sentenceStarts.has(token.start))),
  );
}

export const competitorFamily: Family = {
  name: 'competitor',
  describes: 'mentions a competitor',
  judge({ userTurns, promptText, competitors }: JudgeInput) {
    const names = [...new Set([...competitorNamesInPrompt(promptText), ...competitors].map((name) => name.trim()).filter(Boolean))];
    const forms = names.flatMap(formsOf);
    for (const turn of userTurns) {
      const finding = forms.length > 0 ? namedMention(turn.analysis, forms) : undefined;
      if (finding) return finding;
      const hit = firstHit(turn.analysis, UNNAMED_COMPETITOR, { negatable: true, unlessSentence: ALTERNATIVES_QUESTION });
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.6 };
      const unlisted = unlistedBrand(turn.analysis);
      if (unlisted) return unlisted;
    }
    return undefined;
  },
  rejects(analysis: AnalyzedText) {
    return !namesSomething(analysis) && !POINTS_AT_A_RIVAL.test(analysis.text);
  },
};
