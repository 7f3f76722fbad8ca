import path from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file.js';
import type { RuleRepo } from '../types.js';
import type { Rule } from '../../rules/schema.js';

interface RulesDocument {
  version: 1;
  rules: Rule[];
  /** Signing secrets of rules that live in rule files, by rule id. */
  secrets: Record<string, string>;
}

/** API and hook rules: small, human-readable, in their own lowdb file (`rules.json`). */
export async function openRuleRepo(dataDir: string): Promise<RuleRepo> {
  const db = new Low<RulesDocument>(new DurableJSONFile(path.join(dataDir, 'rules.json')), { version: 1, rules: [], secrets: {} });
  await db.read();
  db.data.secrets ??= {};
  return {
    async list() {
      return structuredClone(db.data.rules);
    },
    async put(rule) {
      const at = db.data.rules.findIndex((existing) => existing.id === rule.id);
      if (at >= 0) db.data.rules[at] = structuredClone(rule);
      else db.data.rules.push(structuredClone(rule));
      await db.write();
    },
    async remove(id) {
      const before = db.data.rules.length;
      db.data.rules = db.data.rules.filter((rule) => rule.id !== id);
      if (db.data.rules.length === before) return false;
      await db.write();
      return true;
    },
    async secretFor(ruleId, create) {
      if (!db.data.secrets[ruleId]) {
        db.data.secrets[ruleId] = create();
        await db.write();
      }
      return db.data.secrets[ruleId];
    },
  };
}
