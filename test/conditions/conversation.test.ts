import { describe, expect, it } from 'vitest';
import { conversationDigest, turnsOf, turnsOfTranscript } from '../../engine/conditions/index.js';
import { LruMap } from '../../engine/conditions/lru.js';

describe('transcripts', () => {
  it('splits speaker labels into user and assistant turns', () => {
    const transcript = [
      'User: hi',
      'Bot: Hello! How can I help?',
      'Customer: what does it cost?',
      'AI: $20 a month.',
      'Lead: ok',
      'Assistant: Anything else?',
      'Human: no',
      'Agent: Bye!',
    ].join('\n');

    expect(turnsOfTranscript(transcript).map((turn) => turn.speaker)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
  });

  it('keeps unlabelled lines with the turn before and treats a label-free text as the user', () => {
    expect(turnsOfTranscript('User: first line\nNote: this stays with the user\nsecond line\nBot: reply')).toEqual([
      { speaker: 'user', text: 'first line\nNote: this stays with the user\nsecond line' },
      { speaker: 'assistant', text: 'reply' },
    ]);
    expect(turnsOfTranscript('just the last message, as CalStudio sends it')).toEqual([
      { speaker: 'user', text: 'just the last message, as CalStudio sends it' },
    ]);
  });

  it('reads timestamps before a label and ignores URLs', () => {
    expect(turnsOfTranscript('[10:32] User: see https://example.com/page\n10:33 - Bot: Thanks!')).toEqual([
      { speaker: 'user', text: 'see https://example.com/page' },
      { speaker: 'assistant', text: 'Thanks!' },
    ]);
  });

  it('prefers messages, maps role synonyms and drops empty turns', () => {
    expect(
      turnsOf({
        transcript: 'User: ignored',
        messages: [
          { role: 'customer', text: 'hi' },
          { role: 'bot', text: ' ' },
          { role: 'system', text: 'rules' },
          { role: 'narrator', text: 'who?' },
        ],
      }),
    ).toEqual([
      { speaker: 'user', text: 'hi' },
      { speaker: 'system', text: 'rules' },
      { speaker: 'other', text: 'who?' },
    ]);
  });

  it('digests a transcript and the same messages alike', () => {
    const fromTranscript = turnsOf({ transcript: 'User: hi\nAssistant: hello' });
    const fromMessages = turnsOf({ messages: [{ role: 'user', text: 'hi' }, { role: 'assistant', text: 'hello' }] });
    expect(conversationDigest(fromTranscript)).toBe(conversationDigest(fromMessages));
    expect(conversationDigest(fromTranscript)).not.toBe(conversationDigest(turnsOf({ transcript: 'User: hi\nAssistant: hello!' })));
  });
});

describe('LRU map', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);

    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});
