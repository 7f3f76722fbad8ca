import type { Tally } from './metrics.js';
import { scoresOf, sumOf } from './metrics.js';
import { UNSUPPORTED_FAMILY, type CaseScores, type IntentScores, type Latency, type Timing } from './score.js';

const FAMILY_WIDTH = 34;

function row(label: string, tally: Tally): string {
  const scores = scoresOf(tally);
  const cells = [scores.cases, scores.precision.toFixed(3), scores.recall.toFixed(3), scores.f1.toFixed(3)];
  return `${label.padEnd(FAMILY_WIDTH)}${String(cells[0]).padStart(6)}${cells
    .slice(1)
    .map((cell) => String(cell).padStart(11))
    .join('')}`;
}

function header(): string {
  return `${'family'.padEnd(FAMILY_WIDTH)}${'cases'.padStart(6)}${'precision'.padStart(11)}${'recall'.padStart(11)}${'f1'.padStart(11)}`;
}

export function timingLine(timing: Timing): string {
  const microseconds = (timing.elapsedMs * 1000) / Math.max(1, timing.promptEvaluations);
  return `wall time: ${timing.elapsedMs.toFixed(0)} ms for ${timing.promptEvaluations} prompt evaluations (${microseconds.toFixed(1)} µs each)`;
}

/** Overall F1 leaves out the unsupported family; a second line counts it as "not matched". */
export function caseReport(title: string, scores: CaseScores, kind: 'llm' | 'local'): string[] {
  const families = [...scores.byFamily.keys()].sort();
  const supported = families.filter((family) => family !== UNSUPPORTED_FAMILY);
  const unsupported = scores.byFamily.get(UNSUPPORTED_FAMILY);
  const lines = [title, header(), ...supported.map((family) => row(family, scores.byFamily.get(family)!))];
  lines.push(row('overall (supported families)', sumOf(supported.map((family) => scores.byFamily.get(family)!))));
  if (unsupported) {
    const unsupportedCases = scoresOf(unsupported).cases;
    lines.push(row(UNSUPPORTED_FAMILY, unsupported));
    if (kind === 'local') lines.push(`${UNSUPPORTED_FAMILY}: ${scores.declinedUnsupported}/${unsupportedCases} declined as unsupported (expected local behaviour, not in the overall F1)`);
    lines.push(row('overall incl. unsupported', sumOf(families.map((family) => scores.byFamily.get(family)!))));
  }
  lines.push(timingLine(scores));
  return lines;
}

export function intentReport(title: string, scores: IntentScores): string[] {
  const families = [...scores.byFamily.keys()];
  return [title, header(), ...families.map((family) => row(family, scores.byFamily.get(family)!)), timingLine(scores)];
}

export function latencyReport(title: string, latency: Latency): string[] {
  const figures = (label: string, { medianMicros, p99Micros }: Latency['newConversation']) =>
    `  ${label.padEnd(44)} median ${medianMicros.toFixed(0).padStart(5)} µs   p99 ${p99Micros.toFixed(0).padStart(5)} µs`;
  return [
    title,
    figures('new conversation (analyse messages + judge)', latency.newConversation),
    figures('messages analysed before (judge only)', latency.analysedConversation),
  ];
}
