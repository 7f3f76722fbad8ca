import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.js';
import {
  conditionUsage,
  ConditionUsageResponseSchema,
  createEvaluator,
  evaluateConditions,
  EvaluateConditionsRequestSchema,
  EvaluateConditionsResponseSchema,
  LlmEvaluator,
  LocalEvaluator,
  UsageMeter,
} from '../../engine/conditions/index.js';
import { errorHandler } from '../../engine/http/middleware.js';
import { conditionRoutes } from '../../engine/http/routes/conditions.js';

describe('createEvaluator', () => {
  it('is local without an LLM and LLM with a key or a base URL', () => {
    expect(createEvaluator(loadConfig({}))).toBeInstanceOf(LocalEvaluator);
    expect(createEvaluator(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBeInstanceOf(LlmEvaluator);
    expect(createEvaluator(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1' }))).toBeInstanceOf(LlmEvaluator);
  });
});

describe('playground request', () => {
  it('accepts prompts with a transcript or messages', () => {
    expect(EvaluateConditionsRequestSchema.safeParse({ prompts: [{ id: 'a', text: 'asks about pricing' }], conversation: { transcript: 'User: hi' } }).success).toBe(true);
    expect(
      EvaluateConditionsRequestSchema.safeParse({ prompts: [{ id: 'a', text: 'asks about pricing' }], conversation: { messages: [{ role: 'user', text: 'hi' }] } }).success,
    ).toBe(true);
  });

  it('refuses no prompts, duplicate ids and a conversation without content', () => {
    const conversation = { transcript: 'User: hi' };
    const refused = [
      { prompts: [], conversation },
      { prompts: [{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }], conversation },
      { prompts: [{ id: 'a', text: '   ' }], conversation },
      { prompts: [{ id: 'a', text: 'x' }], conversation: {} },
    ];
    for (const body of refused) expect(EvaluateConditionsRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});

describe('evaluateConditions', () => {
  it('answers {results} with the documented fields only', async () => {
    const request = EvaluateConditionsRequestSchema.parse({
      prompts: [
        { id: 'price', text: 'When a user asks about pricing or costs' },
        { id: 'spanish', text: 'When the user writes in Spanish' },
      ],
      conversation: { transcript: 'User: how much is the gold plan?\nBot: $30 a month.' },
    });

    const response = await evaluateConditions(new LocalEvaluator(), request);

    expect(EvaluateConditionsResponseSchema.strict().parse(response)).toEqual(response);
    expect(response.results.map(({ id, matched, evaluator }) => ({ id, matched, evaluator }))).toEqual([
      { id: 'price', matched: true, evaluator: 'local' },
      { id: 'spanish', matched: false, evaluator: 'local' },
    ]);
    expect(Object.keys(response.results[0]).sort()).toEqual(['confidence', 'evaluator', 'id', 'matched', 'reason']);
  });

  it('reports usage with the evaluator kind', () => {
    const usage = new UsageMeter();
    usage.recordCall({ promptTokens: 10, completionTokens: 5, totalTokens: 15 });
    usage.recordCacheHits(2);

    const report = conditionUsage(new LocalEvaluator(), usage);

    expect(ConditionUsageResponseSchema.parse(report)).toEqual({
      evaluator: 'local',
      calls: 1,
      errors: 0,
      cacheHits: 2,
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
    });
  });
});

describe('condition routes', () => {
  async function withRoutes<T>(run: (url: string) => Promise<T>): Promise<T> {
    const app = express().use(conditionRoutes(new LocalEvaluator(), new UsageMeter())).use(errorHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address() as { port: number };
    try {
      return await run(`http://127.0.0.1:${address.port}`);
    } finally {
      server.close();
    }
  }

  it('evaluates, validates and reports usage', async () => {
    await withRoutes(async (url) => {
      const evaluated = await fetch(`${url}/conditions/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompts: [{ id: 'human', text: 'If the user asks to speak with a human' }], conversation: { transcript: 'User: can I talk to a person?' } }),
      });
      expect(evaluated.status).toBe(200);
      expect((await evaluated.json()).results[0]).toMatchObject({ id: 'human', matched: true, evaluator: 'local' });

      const invalid = await fetch(`${url}/conditions/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompts": []}' });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).error.code).toBe('invalid_request');

      const usage = await fetch(`${url}/conditions/usage`);
      expect(await usage.json()).toMatchObject({ evaluator: 'local', calls: 0 });
    });
  });
});
