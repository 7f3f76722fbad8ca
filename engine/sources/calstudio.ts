import type { Conversation, EventType } from '../events/schema.js';
import {
  actionKey,
  actionOf,
  canonicalEvent,
  contactFrom,
  firstText,
  payloadDigest,
  toIsoUtc,
  unlessEmpty,
} from './normalize-helpers.js';
import type { SourceAdapter } from './types.js';

// CalStudio documents only "Message sent" verbatim; the other names follow its UI labels.
const EVENT_TYPE_BY_ACTION: Record<string, EventType> = {
  message_sent: 'message.sent',
  new_user_signup: 'user.signup',
  user_signup: 'user.signup',
  new_signup: 'user.signup',
  signup: 'user.signup',
  conversation_end: 'conversation.ended',
  conversation_ended: 'conversation.ended',
};

const KEYS = {
  email: ['user_email', 'userEmail', 'email'],
  name: ['user_name', 'userName', 'name'],
  phone: ['user_phone', 'userPhone', 'phone'],
  conversationId: ['conversation_id', 'conversationId', 'session_id', 'sessionId'],
} as const;

function transcriptOf(lastMessage: string | undefined, response: string | undefined): string | undefined {
  const lines = [lastMessage && `User: ${lastMessage}`, response && `Assistant: ${response}`].filter(Boolean);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function conversationOf(payload: Record<string, unknown>): Conversation | undefined {
  const lastMessage = firstText(payload, ['last_message', 'lastMessage']);
  const response = firstText(payload, ['response']);
  return unlessEmpty({
    id: firstText(payload, KEYS.conversationId),
    transcript: transcriptOf(lastMessage, response),
    lastMessage,
    response,
    appName: firstText(payload, ['app_name', 'appName']),
  });
}

export const calstudioAdapter: SourceAdapter = {
  provider: 'calstudio',
  normalize(payload, context) {
    const action = actionOf(payload.event);
    const timestamp = firstText(payload, ['timestamp']);
    const identity = timestamp
      ? [
          action,
          timestamp,
          firstText(payload, KEYS.email) ?? firstText(payload, KEYS.name) ?? null,
          firstText(payload, ['last_message', 'lastMessage']) ?? null,
        ]
      : [payloadDigest(payload)];
    return canonicalEvent(
      {
        provider: 'calstudio',
        action,
        type: EVENT_TYPE_BY_ACTION[actionKey(action)] ?? 'source.unrecognized',
        identity,
        occurredAt: toIsoUtc(payload.timestamp),
        contact: contactFrom(
          {
            email: firstText(payload, KEYS.email),
            fullName: firstText(payload, KEYS.name),
            phone: firstText(payload, KEYS.phone),
          },
          context,
        ),
        conversation: conversationOf(payload),
        payload,
      },
      context,
    );
  },
};
