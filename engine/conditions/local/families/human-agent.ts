import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, firstHit } from '../signals.js';

const STAFF = String.raw`(?:(?:real|actual|live|human|proper)\s+)?(?:humans?|person|someone|somebody|agents?|representatives?|reps?|operators?|managers?|supervisors?|staff(?: members?)?|team members?|members? of (?:your |the )?(?:staff|team)|customer (?:service|support|care)|support (?:team|staff|agents?|people|person)|sales(?: team| rep| person)?|billing team|doctors?|dr\.? [A-Z][a-z]+|nurses?|dentists?|receptionists?|front desk|owner|advisors?|specialists?|consultants?|realtors?|brokers?|coach(?:es)?|trainers?|technicians?|vets?|veterinarians?|physios?|therapists?|stylists?|lawyers?|attorneys?|accountants?|instructors?|teachers?|tutors?|landlord|property manager|host|organi[sz]ers?|engineers?|boss|bosses|someone in charge|person in charge|someone senior|head office|human beings?|real people)`;
const PERSON = String.raw`(?:(?:(?:a|an|the|some|your|one of (?:the|your)|someone from|somebody from|anyone from|someone in|somebody in)\s+)?${STAFF}|(?:someone|somebody|anyone|a person) (?:from|at|in|on) (?:your|the) (?:team|office|company|staff|side|end|shop|clinic|store))`;
// Vague people are only a request when the user asks to talk to them.
const ANYONE = String.raw`(?:(?:a|an|the|some|any)\s+)?(?:(?:real|actual|live)\s+)?(?:people|anyone|anybody|one)`;

const HANDOFF_REQUESTS = [
  new RegExp(String.raw`\b(?:speak|talk|chat|get through)\s+(?:to|with)\s+(?:${PERSON}|${ANYONE}|(?:your |the )?(?:support|sales|billing|office|reception|team|customer care))\b`, 'gi'),
  new RegExp(String.raw`\b(?:get|put|transfer|connect|escalate|pass|send|forward|hand)\s+(?:me|this|us|it|my (?:call|case|request))?\s*(?:(?:on|over|through)\s+)?(?:to|with)?\s*${PERSON}\b`, 'gi'),
  new RegExp(String.raw`\b(?:can|could|would|will|please|have|get|ask)\s+(?:${PERSON}|${ANYONE})\s+(?:(?:please|just)\s+)?(?:to\s+)?(?:call|contact|email|text|ring|phone|reach out to|get back to|get in touch with|look at|ping)\s+(?:me|us)\b`, 'gi'),
  new RegExp(String.raw`\b(?:can|could|would|will|please)\s+${PERSON}\s+(?:please\s+)?(?:come|pop|stop|drop)\s+(?:out|over|round|by|and|to|look|check|see|fix)\b|\bsend\s+(?:someone|somebody|a technician|an engineer|a plumber|an electrician|a person|a rep)\b`, 'gi'),
  new RegExp(String.raw`\b(?:i want|i'd like|i would like|i need|let me have|give me)\s+(?:to (?:speak|talk) (?:to|with)\s+)?${PERSON}\b`, 'gi'),
  new RegExp(String.raw`\bis there\s+(?:${PERSON}|${ANYONE})\s+(?:i|we) can\s+(?:talk|speak|chat)`, 'gi'),
  /\b(?:so|and) (?:they|someone|somebody|he|she|one of you) can (?:call|contact|ring|reach|phone|email) (?:me|us)\b|\b(?:call|ring|phone) (?:me|us) back\b|\bcall ?back\b|\bescalate\b|\bnot (?:a|the) (?:bot|chatbot|chat bot|machine|robot|ai|computer)\b/gi,
  // "stop. real person. now.": a bare demand as its own sentence.
  /(?:^|[.!?]\s+)(?:an?\s+)?(?:real person|real human|live agent|live person|human being|human|agent|operator|representative)(?:\s+(?:please|pls|now|asap))?\s*[.!?]+(?=\s|$)/gi,
  /^\s*(?:(?:please|pls|can i get|can i have|i need|i want|get me|give me)\s+)?(?:an?\s+)?(?:agent|human|humans|operator|representative|rep|real person|person|live agent|live person|customer service|manager|supervisor|someone real)\s*(?:please|pls|now|asap|plz)?\s*[.!?]*\s*$/gim,
  new RegExp(String.raw`\bis there\s+(?:${PERSON}|${ANYONE})\s+(?:(?:i|we) can\s+)?(?:actually |just |please )?(?:get on the (?:phone|line)|call|ring|phone|reach)`, 'gi'),
  new RegExp(String.raw`\bget\s+(?:${PERSON}|${ANYONE})\s+on the (?:phone|line)\b`, 'gi'),
  /\b(?:connect|transfer|put|pass|forward|route|escalate|send) (?:me|us|this|my \w+) (?:through |over |on )?(?:to|with) (?:your |the )?(?:support|sales|billing|office|reception|team|helpdesk|help desk|service desk|customer care|someone)\b/gi,
  /\b(?:are there|is there|any|are you|is this) (?:any )?(?:real|actual|live) (?:people|humans?|persons?|human beings?)\b|\bis (?:there )?(?:anyone|anybody|someone|somebody|a person|a human|a real person) (?:there|real|around|on the other end|actually there|reading this)\b/gi,
  /\b(?:rather|prefer(?: to)?|prefer) (?:talk|speak|chat)(?:ing)? (?:to|with|on the phone|over the phone|by phone|in person)\b|\bput (?:me|us) through\b(?! (?:hell|that|this|all))|\bis (?:the |your )?(?:manager|owner|supervisor|boss|real person|human) (?:around|available|there|in|free)\b/gi,
  /\b(?:is there|do you have|what(?:'s| is)) (?:a |your |the )?(?:phone |direct |contact )?(?:number|line) (?:i|we) (?:can|could) (?:call|ring|phone|dial)\b|\b(?:can|could|may) (?:i|we) (?:call|ring|phone) (?:you|you guys|your office|the office|the shop|the clinic)\b(?! back)|\b(?:can|could) (?:i|we) (?:get|have) a (?:phone )?call (?:instead|back|from someone|from a person)\b/gi,
  /\b(?:want|need|like|wanna) to (?:call|ring|phone) (?:someone|somebody|a person|you|your office|the office)\b(?! back)|\b(?:connect|transfer) me\b(?! (?:to|with) (?:the|my|your) (?:wifi|wi-fi|internet|network|printer|account|app|calendar|site|website))/gi,
  /\b(?:can|could|may) (?:i|we) (?:call|ring|phone) (?:someone|somebody|a person|you guys|your office|the office|your team|the team)\b|\bwhat (?:number|phone number) (?:can|should|do) (?:i|we) (?:call|ring|dial)\b/gi,
];

const HANDOFF_OFFER = /\b(?:connect|transfer|pass|put you through|hand|team|human|person|agent|someone|colleague|staff|call you back)/i;

export const humanAgentFamily: Family = {
  name: 'human-agent',
  describes: 'asks to speak with a human',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const hit = firstHit(turn.analysis, HANDOFF_REQUESTS, { negatable: true, factualOnly: true });
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.85 };
      if (acceptsOffer(turn, HANDOFF_OFFER)) return { evidence: turn.analysis.text, confidence: 0.75, answersOffer: true };
    }
    return undefined;
  },
};
