import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RuleFileSchema } from './schema.js';
import type { z } from 'zod';

export type RuleFile = z.infer<typeof RuleFileSchema> & { file: string };

export class RuleFileError extends Error {
  override name = 'RuleFileError';
}

/** Reads every `*.json` rule in the folder; an invalid one stops start-up naming file and field. */
export async function readRuleFiles(dir: string): Promise<RuleFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const rules: RuleFile[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new RuleFileError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = RuleFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RuleFileError(`${file}: ${issue.path.join('.') || 'rule'}: ${issue.message}`);
    }
    const other = seen.get(parsed.data.id);
    if (other) throw new RuleFileError(`${file}: id: "${parsed.data.id}" is also used by ${other}`);
    seen.set(parsed.data.id, file);
    rules.push({ ...parsed.data, file: name });
  }
  return rules;
}
