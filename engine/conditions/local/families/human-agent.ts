import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, firstHit } from '../signals.js';

const STAFF = String.raw`(?:(?:real|actual|live|human|proper)\s+)?(?:humans?|person|someone|somebody|agents?|representatives?|reps?|operators?|managers?|supervisors?|staff(?: members?)?|team members?|members? of (?:your |the )?(?:staff|team)|customer (?:service|support|care)|support team|sales(?: team| rep| person)?|billing team|doctors?|dr\.? [A-Z][a-z]+|nurses?|dentists?|receptionists?|front desk|owner|advisors?|specialists?|consultants?|realtors?|brokers?|coach(?:es)?|trainers?|technicians?|vets?|veterinarians?|physios?|therapists?|stylists?|lawyers?|attorneys?|accountants?|instructors?|teachers?|tutors?|landlord|property manager|host|organi[sz]ers?|engineers?)`;
const PERSON = String.raw`(?:(?:a|an|the|some|your|one of (?:the|your)|someone from|somebody from|anyone from|someone in|somebody in)\s+)?${STAFF}`;
// Vague people are only a request when the user asks to talk to them.
const ANYONE = String.raw`(?:(?:a|an|the|some|any)\s+)?(?:(?:real|actual|live)\s+)?(?:people|anyone|anybody|one)`;

const HANDOFF_REQUESTS = [
  new RegExp(String.raw`\b(?:speak|talk|chat|get through)\s+(?:to|with)\s+(?:${PERSON}|${ANYONE}|(?:your |the )?(?:support|sales|billing|office|reception|team|customer care))\b`, 'gi'),
  new RegExp(String.raw`\b(?:get|put|transfer|connect|escalate|pass|send|forward|hand)\s+(?:me|this|us|it|my (?:call|case|request))?\s*(?:(?:on|over|through)\s+)?(?:to|with)?\s*${PERSON}\b`, 'gi'),
  new RegExp(String.raw`\b(?:can|could|would|will|please|have|get|ask)\s+(?:${PERSON}|${ANYONE})\s+(?:(?:please|just)\s+)?(?:to\s+)?(?:call|contact|email|text|ring|phone|reach out to|get back to|get in touch with|look at|ping)\s+(?:me|us)\b`, 'gi'),
  new RegExp(String.raw`\b(?:can|could|would|will|please)\s+${PERSON}\s+(?:please\s+)?(?:come|pop|stop|drop)\s+(?:out|over|round|by|and|to|look|check|see|fix)\b|\bsend\s+(?:someone|somebody|a technician|an engineer|a plumber|an electrician|a person|a rep)\b`, 'gi'),
  new RegExp(String.raw`\b(?:i want|i'd like|i would like|i need|let me have|give me)\s+(?:to (?:speak|talk) (?:to|with)\s+)?${PERSON}\b`, 'gi'),
  new RegExp(String.raw`\bis there\s+(?:${PERSON}|${ANYONE})\s+(?:i|we) can\s+(?:talk|speak|chat)`, 'gi'),
  /\b(?:so|and) (?:they|someone|somebody|he|she|one of you) can (?:call|contact|ring|reach|phone|email) (?:me|us)\b|\b(?:call|ring|phone) (?:me|us) back\b|\bcall ?back\b|\bescalate\b|\bnot (?:a|the) (?:bot|machine|robot|ai)\b/gi,
  /^\s*(?:agent|human|operator|representative|real person|a person|person|live agent|customer service|manager)\s*[.!?]*\s*$/gi,
];

const HANDOFF_OFFER = /\b(?:connect|transfer|pass|put you through|hand|team|human|person|agent|someone|colleague|staff|call you back)/i;

export const humanAgentFamily: Family = {
  name: 'human-agent',
  describes: 'asks to speak with a human',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const hit = firstHit(turn.analysis, HANDOFF_REQUESTS, { negatable: true, factualOnly: true });
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.85 };
      if (acceptsOffer(turn, HANDOFF_OFFER)) return { evidence: turn.analysis.text, confidence: 0.75 };
    }
    return undefined;
  },
};
