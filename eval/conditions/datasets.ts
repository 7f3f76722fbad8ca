import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const EVAL_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * The labelled conversation sets (file names without .jsonl): those the local evaluator's models
 * learn from (train/conditions) and those kept back to measure them, never trained or tuned on.
 */
export const TRAINED_ON_SETS = ['conditions', 'extra-conditions', 'dev-conditions', ...'abcdefghi'.split('').map((letter) => `blind-${letter}`)];
export const HELD_OUT_SETS = ['blind-j', 'blind-k'];

const ConditionCaseSchema = z.object({
  id: z.string(),
  family: z.string(),
  prompt: z.string(),
  conversation: z.array(z.object({ role: z.string(), text: z.string() })),
  expected: z.boolean(),
});

export type ConditionCase = z.infer<typeof ConditionCaseSchema>;

/** A JSON Lines file, every line checked by the schema; a bad line stops the run naming it. */
export function loadJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

export function loadConditionCases(path: string): ConditionCase[] {
  return loadJsonLines(path, ConditionCaseSchema);
}

const MappingSchema = z.object({
  prompts: z.array(z.object({ family: z.string(), prompt: z.string(), positive_categories: z.array(z.string()).min(1) })),
});

export interface IntentRow {
  text: string;
  category: string;
}

export interface IntentDataset {
  prompts: { family: string; prompt: string; positiveCategories: Set<string> }[];
  rows: IntentRow[];
}

/** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field.length > 0 || record.length > 0) records.push([...record, field]);
  return records;
}

export function loadBanking77(directory = join(EVAL_DATA_DIR, 'banking77')): IntentDataset {
  const mapping = MappingSchema.parse(JSON.parse(readFileSync(join(directory, 'mapping.json'), 'utf8')));
  const [header, ...records] = parseCsv(readFileSync(join(directory, 'train.csv'), 'utf8'));
  const textColumn = header.indexOf('text');
  const categoryColumn = header.indexOf('category');
  if (textColumn < 0 || categoryColumn < 0) throw new Error('banking77 train.csv needs text and category columns');
  return {
    prompts: mapping.prompts.map((prompt) => ({ family: prompt.family, prompt: prompt.prompt, positiveCategories: new Set(prompt.positive_categories) })),
    rows: records.filter((record) => record.length > categoryColumn).map((record) => ({ text: record[textColumn], category: record[categoryColumn] })),
  };
}

/**
 * banking77 split in two by row parity: the condition models learn from the even rows, and the
 * odd rows stay unseen to measure them.
 */
export function banking77Halves(dataset: IntentDataset): { training: IntentRow[]; heldOut: IntentRow[] } {
  return { training: dataset.rows.filter((_row, index) => index % 2 === 0), heldOut: dataset.rows.filter((_row, index) => index % 2 === 1) };
}
