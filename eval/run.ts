import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../engine/config.js';
import { createEvaluator, llmConfigured, LocalEvaluator, UsageMeter, type ConditionEvaluator } from '../engine/conditions/index.js';
import { banking77Halves, EVAL_DATA_DIR, HELD_OUT_SETS, loadBanking77, loadConditionCases, TRAINED_ON_SETS, type ConditionCase } from './conditions/datasets.js';
import { caseReport, intentReport, latencyReport } from './conditions/report.js';
import { measureLatency, scoreCases, scoreIntents, stratifiedSample, type Miss } from './conditions/score.js';

const USAGE = `usage: npm run eval -- conditions [--misses] [--llm-rows-per-category N]

Scores the condition evaluators on eval/data (see eval/data/README.md): conditions.jsonl,
extra-conditions.jsonl, dev-conditions.jsonl and blind-a…i.jsonl (the local evaluator's models
were trained on them), the held-out blind-j and blind-k (never trained or tuned on) and banking77
(its odd rows held out, its even rows trained on). The local evaluator always runs; the LLM
evaluator runs too when OPENAI_API_KEY or LLM_BASE_URL is set, on a stratified banking77 sample.`;

const DEFAULT_LLM_ROWS_PER_CATEGORY = 3;

function printMisses(misses: Miss[]): void {
  for (const miss of misses) console.log(`  miss ${miss.id} [${miss.family}] expected ${miss.expected}: ${miss.reason}`);
}

async function evaluateAll(name: string, evaluator: ConditionEvaluator, options: { misses: boolean; intentRowsPerCategory?: number }): Promise<void> {
  const banking77 = loadBanking77();
  // The first call loads wink's model; time it apart from the steady state.
  const warmUpStarted = performance.now();
  await evaluator.evaluate([{ id: 'warm-up', text: 'When a user asks about pricing' }], { messages: [{ role: 'user', text: 'hello' }] });
  console.log(`${name}: first call ${(performance.now() - warmUpStarted).toFixed(0)} ms`);

  const heldOutCases: ConditionCase[] = [];
  for (const set of [...TRAINED_ON_SETS, ...HELD_OUT_SETS]) {
    const heldOut = HELD_OUT_SETS.includes(set);
    const cases = loadConditionCases(join(EVAL_DATA_DIR, `${set}.jsonl`));
    if (heldOut) heldOutCases.push(...cases);
    const scores = await scoreCases(evaluator, cases);
    console.log(caseReport(`\n${name} evaluator — ${set}.jsonl (${heldOut ? 'held out' : 'trained on'})`, scores, evaluator.kind).join('\n'));
    if (options.misses) printMisses(scores.misses);
  }
  const heldOutScores = await scoreCases(evaluator, heldOutCases);
  console.log(caseReport(`\n${name} evaluator — ${HELD_OUT_SETS.join(' + ')} together (${heldOutCases.length} held-out cases)`, heldOutScores, evaluator.kind).join('\n'));

  if (!options.intentRowsPerCategory) {
    const heldOutRows = banking77Halves(banking77).heldOut;
    const heldOutIntents = await scoreIntents(evaluator, banking77, heldOutRows);
    console.log(intentReport(`\n${name} evaluator — banking77 held-out half (odd rows, ${heldOutRows.length}; each mapped prompt against every row)`, heldOutIntents).join('\n'));
  }
  const rows = options.intentRowsPerCategory ? stratifiedSample(banking77.rows, options.intentRowsPerCategory) : banking77.rows;
  const sampleNote = options.intentRowsPerCategory ? `stratified sample, ${rows.length} rows` : `all ${rows.length} rows, half of them trained on`;
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
