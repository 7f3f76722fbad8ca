import { createHash } from 'node:crypto';
import type { ConversationInput } from './types.js';

export type Speaker = 'user' | 'assistant' | 'system' | 'other';

export interface Turn {
  speaker: Speaker;
  text: string;
}

const USER_LABELS = new Set([
  'user', 'customer', 'lead', 'human', 'client', 'contact', 'visitor', 'guest', 'prospect', 'caller',
  'patient', 'member', 'student', 'buyer', 'me', 'last_message', 'last message',
]);
const ASSISTANT_LABELS = new Set([
  'assistant', 'bot', 'ai', 'agent', 'chatbot', 'setter', 'model', 'support', 'rep', 'representative',
  'advisor', 'response', 'reply', 'app', 'gpt', 'chatgpt', 'virtual assistant', 'ai assistant',
]);

export function speakerOfRole(role: string): Speaker {
  const label = role.trim().toLowerCase();
  if (label === 'system') return 'system';
  if (USER_LABELS.has(label)) return 'user';
  if (ASSISTANT_LABELS.has(label) || /\b(ai|bot|assistant)$/.test(label)) return 'assistant';
  return 'other';
}

// An optional "[10:32]" or "10:32 -" timestamp, then a short label and a colon.
const LABELLED_LINE = /^\s*(?:\[[^\]\n]{1,40}\]\s*|\(?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?\)?\s*[-–]?\s*)?([A-Za-z][\w .'-]{0,30}?)\s*:(?!\/\/)\s?(.*)$/i;

/**
 * Splits "User: …\nBot: …" transcripts (Setter's concatenatedConversation, CalStudio's
 * last_message/response pair) into turns. A line without a known label continues the previous
 * turn; a transcript without any label is one user message, as when only the user's text is known.
 */
export function turnsOfTranscript(transcript: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const labelled = LABELLED_LINE.exec(line);
    const speaker = labelled ? speakerOfRole(labelled[1]) : 'other';
    if (labelled && speaker !== 'other') {
      turns.push({ speaker, text: labelled[2] });
    } else if (turns.length > 0) {
      turns[turns.length - 1].text += `\n${line}`;
    } else {
      turns.push({ speaker: 'user', text: line });
    }
  }
  return withoutEmptyTurns(turns);
}

function withoutEmptyTurns(turns: Turn[]): Turn[] {
  return turns.map((turn) => ({ speaker: turn.speaker, text: turn.text.trim() })).filter((turn) => turn.text.length > 0);
}

export function turnsOf(conversation: ConversationInput): Turn[] {
  if (conversation.messages && conversation.messages.length > 0) {
    return withoutEmptyTurns(conversation.messages.map((message) => ({ speaker: speakerOfRole(message.role), text: message.text })));
  }
  return conversation.transcript ? turnsOfTranscript(conversation.transcript) : [];
}

/** The same conversation gives the same digest whether it came as a transcript or as messages. */
export function conversationDigest(turns: Turn[]): string {
  return createHash('sha256').update(JSON.stringify(turns.map((turn) => [turn.speaker, turn.text]))).digest('hex');
}
