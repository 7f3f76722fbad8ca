// Validation runs in its own file: a failing appTester call elsewhere leaves `_testRequest` on the
// app, which core's validator then reports as an unknown property.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Create, PlainInputField, PlainOutputField, Trigger } from 'zapier-platform-core';
import zapier from 'zapier-platform-core';
import { describe, expect, it } from 'vitest';
import authentication from '../../connector/src/authentication.js';
import app from '../../connector/src/index.js';
import { valuesAt } from '../../connector/src/event-fields.js';
import { CanonicalEventSchema, EVENT_TYPES } from '../../engine/events/schema.js';

const connectorPackage = JSON.parse(
  await readFile(new URL('../../connector/package.json', import.meta.url), 'utf8'),
) as {
  name: string;
  version: string;
  exports: string;
  main: string;
  dependencies: Record<string, string>;
};

const triggers: Trigger[] = Object.values(app.triggers);
const creates: Create[] = Object.values(app.creates);
const visibleTriggers = triggers.filter((trigger) => !trigger.display.hidden);
const hookTriggers = triggers.filter((trigger) => trigger.operation.type === 'hook');

/** Records whose keys the provider defines; only their well-known keys carry labels. */
const PROVIDER_DEFINED = ['raw', 'contact__metadata', 'meeting__payment', 'meeting__cancellation'];

const MINOR_WORDS = new Set('a an and as at by for in of on or per the to with'.split(' '));

function isTitleCase(label: string): boolean {
  return label.split(/\s+/).every((word) => {
    const letters = word.replace(/^[^A-Za-z]+/, '');
    return letters === '' || MINOR_WORDS.has(letters.toLowerCase()) || /^[A-Z]/.test(letters);
  });
}

/** Zapier's flattened key of every leaf in a record: `a__b`, `list[]key`; a list of scalars is one leaf, an empty list none. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    const items = value.filter((item) => typeof item === 'object' && item !== null);
    if (items.length > 0) return items.flatMap((item) => leafKeys(item, `${prefix}[]`));
    return value.length > 0 ? [prefix] : [];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) =>
      leafKeys(child, prefix.endsWith('[]') ? `${prefix}${key}` : prefix ? `${prefix}__${key}` : key),
    );
  }
  return [prefix];
}

/** A list item key (`rejects[]reason`) is satisfied by the list being there, even when it is empty. */
function sampleHas(sample: Record<string, unknown>, key: string): boolean {
  const listKey = key.includes('[]') ? key.slice(0, key.indexOf('[]')) : undefined;
  return listKey ? valuesAt(sample, listKey).some(Array.isArray) : valuesAt(sample, key).length > 0;
}

/** Core's command handler, which the CLI's `validate` runs; not in core's type declarations. */
function validatorOf(appDefinition: object) {
  return (
    zapier as unknown as { createAppHandler(app: object): (event: object) => Promise<{ results: unknown[] }> }
  ).createAppHandler(appDefinition);
}

function plainFields(fields: unknown[] | undefined): PlainInputField[] {
  return (fields ?? []).filter((field): field is PlainInputField => typeof field === 'object');
}

describe("core's own validator", () => {
  it('finds no schema errors in the app', async () => {
    const { results } = await validatorOf(app)({ command: 'validate', calledFromCli: true });

    expect(results).toEqual([]);
  });
});

describe('the compiled package', () => {
  it('builds, loads by its package name (its `exports`, as Zapier loads it) and validates', async () => {
    const require = createRequire(import.meta.url);
    const connectorDir = fileURLToPath(new URL('../../connector/', import.meta.url));
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', connectorDir]);
    const built = (await import(connectorPackage.name)) as { default: object };

    const { results } = await validatorOf(built.default)({ command: 'validate', calledFromCli: true });

    expect(results).toEqual([]);
  }, 60_000);
});

describe("what Zapier's servers check before publishing", () => {
  it.each([...visibleTriggers, ...creates].map((action) => [action.key, action] as const))(
    '%s has a static sample and labelled output fields that the sample carries',
    (_key, action) => {
      const { sample, outputFields } = action.operation;
      expect(sample && Object.keys(sample).length).toBeGreaterThan(0);
      const plainOutputFields = (outputFields ?? []) as PlainOutputField[];
      expect(plainOutputFields.length).toBeGreaterThan(0);
      for (const field of plainOutputFields) {
        expect(field.label, field.key).toBeTruthy();
        expect(sampleHas(sample!, field.key), `${field.key} is in the sample`).toBe(true);
      }
    },
  );

  it.each(hookTriggers.map((trigger) => [trigger.key, trigger] as const))(
    '%s is a complete REST hook: subscribe, unsubscribe, perform and performList',
    (_key, trigger) => {
      expect(trigger.operation).toMatchObject({
        performSubscribe: expect.any(Function),
        performUnsubscribe: expect.any(Function),
        perform: expect.any(Function),
        performList: expect.any(Function),
      });
    },
  );

  it('describes every visible trigger with "Triggers when …" and every action with a verb, as sentences', () => {
    for (const trigger of visibleTriggers) expect(trigger.display.description).toMatch(/^Triggers when .+\.$/);
    for (const create of creates) expect(create.display.description).toMatch(/^[A-Z][a-z]+s\b.+\.$/);
  });

  it('writes every label in title case', () => {
    const labels = [
      ...[...visibleTriggers, ...creates].flatMap((action) => [
        action.display.label,
        ...plainFields(action.operation.inputFields).map((field) => field.label),
        ...((action.operation.outputFields ?? []) as PlainOutputField[]).map((field) => field.label),
      ]),
      ...authentication.fields.map((field) => field.label),
    ];
    for (const label of labels) expect(isTitleCase(label ?? ''), label).toBe(true);
  });

  it('gives every input and authentication field a label and help text', () => {
    const fields = [
      ...[...visibleTriggers, ...creates].flatMap((action) => plainFields(action.operation.inputFields)),
      ...authentication.fields,
    ];
    for (const field of fields) {
      expect(field.label, field.key).toBeTruthy();
      expect(field.helpText, field.key).toBeTruthy();
    }
  });
});

describe('trigger samples', () => {
  it.each(hookTriggers.map((trigger) => [trigger.key, trigger.operation.sample!] as const))(
    '%s is a canonical event the engine could deliver',
    (_key, sample) => {
      expect(() => CanonicalEventSchema.parse(sample)).not.toThrow();
    },
  );

  it.each(hookTriggers.map((trigger) => [trigger.key, trigger.operation] as const))(
    '%s labels every canonical field of its sample',
    (_key, operation) => {
      const labelled = new Set(((operation.outputFields ?? []) as PlainOutputField[]).map((field) => field.key));
      const unlabelled = leafKeys(operation.sample)
        .filter((key) => !PROVIDER_DEFINED.some((record) => key === record || key.startsWith(`${record}__`)))
        .filter((key) => !labelled.has(key));
      expect(unlabelled).toEqual([]);
    },
  );

  it('offers a trigger for every event the issue names', () => {
    const offered = hookTriggers.map((trigger) => trigger.operation.sample!.type);
    expect(new Set(offered).size, 'one trigger per event type').toBe(offered.length);
    expect(new Set(offered)).toEqual(
      new Set([
        'meeting.booked',
        'meeting.canceled',
        'meeting.rescheduled',
        'meeting.approved',
        'meeting.declined',
        'appointment.booked',
        'conversation.inactive',
        'conversation.ended',
        'message.sent',
        'user.signup',
        'condition.matched',
      ]),
    );
    for (const type of offered) expect(EVENT_TYPES).toContain(type);
  });
});

describe('app wiring', () => {
  it('points the Custom Condition dropdown at the hidden event-type trigger', () => {
    const eventsField = plainFields(app.triggers.custom_condition.operation.inputFields).find(
      (field) => field.key === 'events',
    );
    const [triggerKey, valueKey, labelKey] = (eventsField?.dynamic ?? '').split('.');
    const source = app.triggers[triggerKey];
    expect(source.display.hidden).toBe(true);
    expect(source.operation.sample).toHaveProperty(valueKey);
    expect(source.operation.sample).toHaveProperty(labelKey);
  });

  it('takes its version from connector/package.json and its platform version from core', () => {
    expect(app.version).toBe(connectorPackage.version);
    expect(app.platformVersion).toBe(zapier.version);
  });

  it('pins zapier-platform-core exactly and exports the compiled entry, as the CLI requires', () => {
    expect(connectorPackage.dependencies['zapier-platform-core']).toBe(zapier.version);
    expect(connectorPackage.exports).toBe('./dist/index.js');
    expect(connectorPackage.main).toBe('./dist/index.js');
  });
});
