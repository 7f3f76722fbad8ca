import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, firstHit } from '../signals.js';

const BOOKABLE = String.raw`(?:appointments?|appt|reservations?|bookings?|viewings?|visits?|tours?|showings?|calls?|meetings?|demos?|demonstrations?|consultations?|consults?|sessions?|class(?:es)?|lessons?|slots?|spots?|seats?|places?|tables?|times?|dates?|walk-?throughs?|cleanings?|check-?ups?|exams?|fillings?|massages?|haircuts?|rooms?|test drives?|interviews?|intro calls?|chats?|catch[- ]?ups?|trial class(?:es)?|\d+[ -]?(?:min(?:ute)?s?|hours?|hr))`;
const PROPERTY = String.raw`(?:house|flat|property|apartment|place|home|unit|loft|condo|listing|room|space|venue|office|studio|townhouse|villa|cottage|bungalow|plot|premises)`;

const BOOKING_REQUESTS = [
  new RegExp(String.raw`(?<!\b(?:your|the|a|my|this|that|his|her|their|e-?|audio)\s)\bbook\s+(?:me|us|in|it|that|this|one|for|on|a|an|the|my|our|some|two|\d)\b`, 'gi'),
  new RegExp(String.raw`\b(?:book|schedule|reserve|arrange|set up|setup|organi[sz]e|grab|secure|lock in|request|find|fix)\s+(?:[\w'-]+\s+){0,3}?${BOOKABLE}\b`, 'gi'),
  /\bmake (?:an? |the )?(?:[\w'-]+\s+)?(?:appointment|appt|reservation|booking)\b|\bget (?:an? |the )?(?:[\w'-]+\s+)?(?:appointment|appt|reservation|booking|demo|consultation|table|slot|spot|seat|viewing|tour)\b/gi,
  new RegExp(String.raw`(?<!\b(?:do|does|did|would|will|should)\s)\b(?:i'd|i would|we'd|we would|i|we) (?:like|love|want|need)(?: to (?:have|get|book|do))? (?:a|an|some|one|the) (?:[\w'-]+\s+){0,2}?${BOOKABLE}\b`, 'gi'),
  /\b(?:want|like|love|need|wish) to come (?:in|by|over|for|and|to see|on|at|next|this|tomorrow|round)\b/gi,
  new RegExp(String.raw`\b(?:can|could|may) (?:i|we) (?:have|get|do) (?:a|an|one) (?:[\w'-]+\s+){0,2}?${BOOKABLE}\b`, 'gi'),
  /\b(?:sign|put) (?:me|us) (?:up|down)\b|\bregister (?:me|us|for)\b|\benrol+ (?:me|us|in)\b|\bcount (?:me|us) in\b|\badd (?:me|us) to (?:the )?(?:list|class|session|waitlist|waiting list)\b/gi,
  /\b(?:save|hold|keep) (?:me |us )?(?:a|one|two|\d+|the) (?:seat|spot|place|slot|table|space)s?\b|\bpencil (?:me|us) in\b|\b(?:fit|squeeze|get) (?:me|us) in\b|\bcan (?:i|we) get in\b/gi,
  /\b(?:come|pop|stop|swing|drop) (?:in|by|over|round|around)\b(?! (?:the|your) (?:website|site|app|page))/gi,
  new RegExp(String.raw`\b(?:see|view|look at|have a look at|take a look at|check out|visit|tour) (?:the|this|that|your|it|a) (?:[\w'-]+\s+){0,3}?${PROPERTY}\b`, 'gi'),
  /\b(?:come|came) (?:and|to) (?:see|have a look|look|view)\b|\bwalk (?:me|us|my team|the team|them|my \w+) through\b|\bshow (?:me|us) (?:around|round)\b/gi,
  /\bhow many (?:spots|places|seats|spaces|tickets|slots|rooms|tables) (?:are )?(?:left|remaining|available|free)\b|\b(?:any|are there) (?:spots|places|seats|spaces|tickets|slots) (?:left|remaining)\b/gi,
  /\b(?:do you have|is there|are there|have you got|any) (?:any )?(?:availability|openings|slots|appointments|spaces|space|times|vacanc(?:y|ies)|free slots)\b/gi,
  /\bwhen (?:can|could) (?:i|we) (?:come|get|book|see|start|visit|view|pop)\b|\bwhen(?:'s| is) (?:the |your )?(?:next|earliest|first) (?:available|opening|slot|appointment)\b/gi,
  /\b(?:are you|is (?:she|he|it|someone|anyone|the \w+)) (?:available|free|open) (?:on|this|next|tomorrow|at|for|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
  /\b(?:i'm|i am|we're|we are|i'll be|we'll be) (?:free|available) (?:on|this|next|tomorrow|at|after|before|any|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mornings?|afternoons?|evenings?)\b/gi,
  /\bis (?:it )?possible (?:to come|for me to come|next|on|tomorrow|this|in the)\b|\breschedule\b/gi,
  /\b(?:see|visit|get in to see|get in with) (?:a|the|your|my|our) (?:dentist|doctor|dr|hygienist|nurse|stylist|barber|hairdresser|physio|physiotherapist|therapist|vet|specialist|consultant|optician|coach|trainer|agent|realtor)\b/gi,
  /\b(?:table|room|spot|seat|space|place)s? for (?:\d+|one|two|three|four|five|six|seven|eight)\b|\b(?:anything|something) (?:open|free|available) (?:on|this|next|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in the)\b/gi,
  new RegExp(String.raw`\b(?:move|push|shift|change|bring forward|switch) (?:my|the|our|this) (?:[\w'-]+\s+)?${BOOKABLE}\b`, 'gi'),
  /\b(?:hop|jump|get) on a (?:quick |short |brief )?(?:call|zoom|video call|meeting|chat)\b/gi,
];

const BOOKING_OFFER = /\b(?:book|schedule|reserve|hold|set up|demo|call|appointment|spot|seat|place|slot|viewing|consultation|sign you up|register|save you)/i;

export const bookingFamily: Family = {
  name: 'booking-intent',
  describes: 'wants to book or schedule something',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      const hit = firstHit(turn.analysis, BOOKING_REQUESTS, { negatable: true, factualOnly: true });
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.8 };
      if (acceptsOffer(turn, BOOKING_OFFER)) return { evidence: turn.analysis.text, confidence: 0.75 };
    }
    return undefined;
  },
};
