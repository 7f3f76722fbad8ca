import type { Bundle, Create, Trigger, ZObject } from 'zapier-platform-core';

/** The connection every nock-backed connector test uses. */
export const BASE_URL = 'https://switchboard.test';
export const API_KEY = 'sk_test_connector_0123456789';
export const authData = { baseUrl: BASE_URL, apiKey: API_KEY };

export interface ZapierErrorDetails {
  message: string;
  code?: string;
  status?: number;
}

/** What a Zapier app error tells the user: core serializes message, code and status as JSON. */
export async function zapierErrorOf(promise: Promise<unknown>): Promise<ZapierErrorDetails> {
  try {
    await promise;
  } catch (error) {
    return JSON.parse((error as Error).message) as ZapierErrorDetails;
  }
  throw new Error('expected the Zapier call to fail');
}

type ZapierFunction = (z: ZObject, bundle: Bundle) => Promise<unknown>;

function asFunction(value: unknown, name: string): ZapierFunction {
  if (typeof value !== 'function') throw new Error(`${name} is not a function`);
  return value as ZapierFunction;
}

/** The four functions of a REST-hook trigger, for `appTester`. */
export function hookFunctionsOf(trigger: Trigger) {
  const { operation } = trigger;
  if (operation.type !== 'hook') throw new Error(`${trigger.key} is not a REST-hook trigger`);
  return {
    performSubscribe: asFunction(operation.performSubscribe, `${trigger.key}.performSubscribe`),
    performUnsubscribe: asFunction(operation.performUnsubscribe, `${trigger.key}.performUnsubscribe`),
    perform: asFunction(operation.perform, `${trigger.key}.perform`),
    performList: asFunction(operation.performList, `${trigger.key}.performList`),
  };
}

/** The perform function of a trigger or create, for `appTester`. */
export function performOf(action: Trigger | Create): ZapierFunction {
  return asFunction('perform' in action.operation ? action.operation.perform : undefined, `${action.key}.perform`);
}
