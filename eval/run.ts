import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../engine/config.js';
import { createEvaluator, llmConfigured, LocalEvaluator, UsageMeter, type ConditionEvaluator } from '../engine/conditions/index.js';
import { EVAL_DATA_DIR, loadBanking77, loadConditionCases } from './conditions/datasets.js';
import { caseReport, intentReport, latencyReport } from './conditions/report.js';
import { measureLatency, scoreCases, scoreIntents, stratifiedSample, type Miss } from './conditions/score.js';

const USAGE = `usage: npm run eval -- conditions [--misses] [--llm-rows-per-category N]

Scores the condition evaluators on eval/data (see eval/data/README.md): conditions.jsonl, the
held-out extra-conditions.jsonl, the development set dev-conditions.jsonl, the blind sets
blind-a…e.jsonl and banking77. The local
evaluator always runs; the LLM evaluator runs too when OPENAI_API_KEY or LLM_BASE_URL is set, on a
stratified banking77 sample.`;

const DEFAULT_LLM_ROWS_PER_CATEGORY = 3;

function printMisses(misses: Miss[]): void {
  for (const miss of misses) console.log(`  miss ${miss.id} [${miss.family}] expected ${miss.expected}: ${miss.reason}`);
}

async function evaluateAll(name: string, evaluator: ConditionEvaluator, options: { misses: boolean; intentRowsPerCategory?: number }): Promise<void> {
  const cases = loadConditionCases(join(EVAL_DATA_DIR, 'conditions.jsonl'));
  const extraCases = loadConditionCases(join(EVAL_DATA_DIR, 'extra-conditions.jsonl'));
  const devCases = loadConditionCases(join(EVAL_DATA_DIR, 'dev-conditions.jsonl'));
  const banking77 = loadBanking77();
  // The first call loads wink's model; time it apart from the steady state.
  const warmUpStarted = performance.now();
  await evaluator.evaluate([{ id: 'warm-up', text: 'When a user asks about pricing' }], { messages: [{ role: 'user', text: 'hello' }] });
  console.log(`${name}: first call ${(performance.now() - warmUpStarted).toFixed(0)} ms`);

  const caseScores = await scoreCases(evaluator, cases);
  console.log(caseReport(`\n${name} evaluator — conditions.jsonl`, caseScores, evaluator.kind).join('\n'));
  if (options.misses) printMisses(caseScores.misses);

  const extraScores = await scoreCases(evaluator, extraCases);
  console.log(caseReport(`\n${name} evaluator — extra-conditions.jsonl (held out)`, extraScores, evaluator.kind).join('\n'));
  if (options.misses) printMisses(extraScores.misses);

  const devScores = await scoreCases(evaluator, devCases);
  console.log(caseReport(`\n${name} evaluator — dev-conditions.jsonl (development set, tuned on)`, devScores, evaluator.kind).join('\n'));
  if (options.misses) printMisses(devScores.misses);

  for (const blind of ['blind-a.jsonl', 'blind-b.jsonl', 'blind-c.jsonl', 'blind-d.jsonl', 'blind-e.jsonl']) {
    const blindScores = await scoreCases(evaluator, loadConditionCases(join(EVAL_DATA_DIR, blind)));
    console.log(caseReport(`\n${name} evaluator — ${blind} (written blind)`, blindScores, evaluator.kind).join('\n'));
  }

  const rows = options.intentRowsPerCategory ? stratifiedSample(banking77.rows, options.intentRowsPerCategory) : banking77.rows;
  const sampleNote = options.intentRowsPerCategory ? `stratified sample, ${rows.length} rows` : `${rows.length} rows`;
  const intentScores = await scoreIntents(evaluator, banking77, rows);
  console.log(intentReport(`\n${name} evaluator — banking77 (${sampleNote}, each mapped prompt against every row)`, intentScores).join('\n'));
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { misses: { type: 'boolean', default: false }, 'llm-rows-per-category': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help || positionals[0] !== 'conditions') {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const config = loadConfig();
  const newLocalEvaluator = () => new LocalEvaluator({ competitors: config.COMPETITORS });
  await evaluateAll('local', newLocalEvaluator(), { misses: values.misses });
  const latency = await measureLatency(newLocalEvaluator, loadConditionCases(join(EVAL_DATA_DIR, 'conditions.jsonl')));
  console.log(latencyReport('\nlocal evaluator — latency per prompt on conditions.jsonl (one prompt per call, after warm-up)', latency).join('\n'));
  if (llmConfigured(config)) {
    const usage = new UsageMeter();
    const perCategory = Number(values['llm-rows-per-category'] ?? DEFAULT_LLM_ROWS_PER_CATEGORY);
    await evaluateAll(`llm (${config.LLM_MODEL})`, createEvaluator(config, { usage }), { misses: values.misses, intentRowsPerCategory: perCategory });
    console.log(`\nLLM usage: ${JSON.stringify(usage.totals())}`);
  } else {
    console.log('\nLLM evaluator: not configured (set OPENAI_API_KEY or LLM_BASE_URL to score it too)');
  }
}

await main();
