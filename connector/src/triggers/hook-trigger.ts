import {
  defineTrigger,
  type Bundle,
  type InferInputData,
  type InputField,
  type InputFieldGroup,
  type ZObject,
} from 'zapier-platform-core';
import { outputFieldsFor } from '../event-fields.js';
import { throwForApiError } from '../middleware.js';

/** One canonical event, exactly as the engine delivers it to a hook's target URL. */
type DeliveredEvent = Record<string, unknown> & { id: string; type: string };

/** The Zap editor turns at most three records into samples. */
const SAMPLE_LIMIT = 3;

interface HookTriggerDefinition<$InputFields extends InputField[]> {
  key: string;
  noun: string;
  label: string;
  description: string;
  /** The canonical event type the hook subscribes to and the editor lists. */
  eventType: string;
  sample: DeliveredEvent;
  inputFields?: $InputFields;
  inputFieldGroups?: InputFieldGroup[];
  /** Hook options beyond `event` and `targetUrl`, taken from the Zap's input. */
  hookOptions?: (inputData: InferInputData<$InputFields>) => Record<string, unknown>;
}

/** A REST-hook trigger on one canonical event type: the engine POSTs each event to the Zap. */
export function defineHookTrigger<const $InputFields extends InputField[] = []>(
  definition: HookTriggerDefinition<$InputFields>,
) {
  const { key, noun, label, description, eventType, sample, inputFields, inputFieldGroups, hookOptions } = definition;

  async function performSubscribe(z: ZObject, bundle: Bundle): Promise<{ id: string }> {
    // Zapier fills inputData from exactly these input fields.
    const options = hookOptions?.(bundle.inputData as InferInputData<$InputFields>);
    const response = await z.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/hooks',
      body: { ...options, event: eventType, targetUrl: bundle.targetUrl },
    });
    // Unsubscribing needs only the id; the rest of the hook (its signing secret) stays with the engine.
    return { id: response.data.id };
  }

  async function performUnsubscribe(z: ZObject, bundle: Bundle): Promise<Record<string, never>> {
    const hookId = bundle.subscribeData?.id;
    // A subscribe that failed left nothing to remove.
    if (!hookId) return {};
    const response = await z.request({
      method: 'DELETE',
      url: `/api/v1/hooks/${encodeURIComponent(hookId)}`,
      skipThrowForStatus: true,
    });
    // 404: the engine already dropped the hook (Zapier answered 410 to a delivery), which is the goal.
    if (response.status !== 404) throwForApiError(z, response);
    return {};
  }

  async function perform(_z: ZObject, bundle: Bundle): Promise<DeliveredEvent[]> {
    return [bundle.cleanedRequest];
  }

  async function performList(z: ZObject): Promise<DeliveredEvent[]> {
    const response = await z.request<DeliveredEvent[]>({
      url: '/api/v1/events',
      params: { type: eventType, limit: SAMPLE_LIMIT },
    });
    return response.data.length > 0 ? response.data : [sample];
  }

  return defineTrigger<string, InputField[]>({
    key,
    noun,
    display: { label, description },
    operation: {
      type: 'hook',
      inputFields: inputFields ?? [],
      ...(inputFieldGroups && { inputFieldGroups }),
      performSubscribe,
      performUnsubscribe,
      perform,
      performList,
      sample,
      outputFields: outputFieldsFor(sample),
    },
  });
}
