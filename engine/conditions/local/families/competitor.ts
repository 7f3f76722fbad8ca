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
  if (listed) names.push(...splitList(listed[1]));
  const capitalized = String.raw`[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*`;
  const mentioned = new RegExp(String.raw`\bmentions?\s+(${capitalized}(?:\s*(?:,|/|\bor\b|\band\b)\s*${capitalized})*)`).exec(prompt);
  if (mentioned) names.push(...splitList(mentioned[1]));
  return names;
}

const DETERMINER_BEFORE = /\b(?:a|an|the|my|your|our|his|her|their|its|this|that|these|those|some|any|no)\s+$/i;
const BRAND_NOUN_AFTER = /^(?:'s)?\s+(?:app|website|site|account|listings?|plan|subscription|integration|prime|store|order|membership|class(?:es)?|gym|premium|pro|business|seller|marketplace|page|platform|link|version|calendar|meetings?|scheduling|crm|agent|agents|realtor)\b/i;
const BRAND_CONTEXT_BEFORE = /\b(?:use|uses|using|used|on|from|with|switch(?:ing|ed)? (?:from|to)|moving (?:from|to)|migrat\w+ from|vs\.?|versus|than|like|compared to|tried|trying|via|through|over|at|left|leaving|instead of|prefer|cancel(?:l?ed)?|signed up (?:with|for)|pay(?:ing)? for)\s+$/i;

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
  const caseSensitive = name.replace(/\W/g, '').length <= 3;
  const body = words.map(escapeRegExp).join(String.raw`[\s.-]*`);
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
  return capitalized || brandAfter || BRAND_CONTEXT_BEFORE.test(before);
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

// Without names to look for, only explicit talk of another provider counts.
const UNNAMED_COMPETITOR = [
  /\b(?:your )?competitors?\b|\bcompetition\b/gi,
  /\b(?:another|a different|other) (?:company|companies|provider|providers|vendor|vendors|platform|platforms|tool|tools|app|apps|service|services|agency|agencies|site|sites|website|store|stores|shop|brand|clinic|gym|studio|dentist|realtor|broker|software)\b/gi,
  /\b(?:cheaper|better|for less) (?:elsewhere|somewhere else)\b|\bswitch(?:ing|ed)? (?:over )?from\b|\bprice match\b/gi,
];

export const competitorFamily: Family = {
  name: 'competitor',
  describes: 'mentions a competitor',
  judge({ userTurns, promptText, competitors }: JudgeInput) {
    const names = [...new Set([...competitorNamesInPrompt(promptText), ...competitors].map((name) => name.trim()).filter(Boolean))];
    const forms = names.flatMap(formsOf);
    for (const turn of userTurns) {
      if (forms.length > 0) {
        const finding = namedMention(turn.analysis, forms);
        if (finding) return finding;
        continue;
      }
      const hit = firstHit(turn.analysis, UNNAMED_COMPETITOR);
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.6 };
    }
    return undefined;
  },
};
