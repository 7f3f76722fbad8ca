import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, firstHit, retractedAfter, type UserTurn } from '../signals.js';

const BOOKABLE = String.raw`(?:appointments?|appt|reservations?|bookings?|viewings?|visits?|tours?|showings?|calls?|meetings?|demos?|demonstrations?|consultations?|consults?|sessions?|class(?:es)?|lessons?|slots?|spots?|seats?|places?|tables?|times?|dates?|walk-?throughs?|cleanings?|check-?ups?|exams?|fillings?|massages?|haircuts?|rooms?|test drives?|interviews?|intro calls?|chats?|catch[- ]?ups?|trial class(?:es)?|\d+[ -]?(?:min(?:ute)?s?|hours?|hr))`;
const DAY = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|weekend`;
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
  /\b(?:are you|is (?:she|he|it|someone|anyone|the \w+)) (?:available|free) (?:on|this|next|tomorrow|at|for|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
  /\b(?:i'm|i am|we're|we are|i'll be|we'll be) (?:free|available) (?:on|this|next|tomorrow|at|after|before|any|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mornings?|afternoons?|evenings?)\b/gi,
  /\bis (?:it )?possible (?:to come|for me to come|next|on|tomorrow|this|in the)\b|\breschedule\b/gi,
  /\b(?:see|visit|get in to see|get in with) (?:a|the|your|my|our) (?:dentist|doctor|dr|hygienist|nurse|stylist|barber|hairdresser|physio|physiotherapist|therapist|vet|specialist|consultant|optician|coach|trainer|agent|realtor)\b/gi,
  /\b(?:table|room|spot|seat|space|place)s? for (?:\d+|one|two|three|four|five|six|seven|eight)\b|\b(?:anything|something) (?:open|free|available) (?:on|this|next|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in the)\b/gi,
  new RegExp(String.raw`\b(?:move|push|shift|change|bring forward|switch) (?:my|the|our|this) (?:[\w'-]+\s+)?${BOOKABLE}\b`, 'gi'),
  /\b(?:hop|jump|get) on a (?:quick |short |brief )?(?:call|zoom|video call|meeting|chat)\b/gi,
  new RegExp(String.raw`\b(?:${DAY}|tomorrow|today|tonight|\d{1,2}(?::\d\d)? ?(?:am|pm)|morning|afternoon|evening|noon)(?:\s+[\w':-]+){0,3}?\s+(?:works|would work|will work|suits|would suit|is (?:good|fine|perfect|great|best|ok|okay|ideal)|would be (?:good|fine|perfect|great|best|ideal)|sounds (?:good|great|perfect))\b`, 'gi'),
  new RegExp(String.raw`(?:^|[.!?]\s*)(?:is |would |will )?(?:${DAY}|tomorrow|today|tonight|\d{1,2}(?::\d\d)? ?(?:am|pm))[\w\s:]{0,20}?\s(?:ok|okay|possible|available|free|good for you|alright)\s*\?`, 'gi'),
  /\b(?:have|got) (?:any )?time (?:for|to see) (?:me|us)\b|\b(?:can|could|may) (?:i|we) (?:book|reserve|schedule)\b|\bhow (?:do|can|would) (?:i|we) (?:book|reserve|schedule|make a (?:booking|reservation)|make an appointment)\b/gi,
  /\b(?:what(?:'s| is)|when(?:'s| is)|do you have|have you got|any) (?:your |the |an? )?(?:next|earliest|first|soonest) (?:available|opening|free|slot|appointment|time)\b/gi,
  new RegExp(String.raw`\b(?:need|want|like|looking for|get|book|after) (?:a|an|my|our|the) (?:[\w'-]+\s+){0,2}?(?:on|this|next|for) (?:tomorrow|today|tonight|${DAY}|week|morning|afternoon|evening)\b|\b(?:need|want|like|looking for) (?:a|an|my|our|the) (?:[\w'-]+\s+){0,2}?(?:tomorrow|today|tonight|asap|as soon as possible|${DAY})\b`, 'gi'),
  /\b(?:come|came|pop|stop) (?:in |by |over |round )?(?:and |to )?(?:see|view|look at|check out|have a look at|take a look at) (?:it|them|this|that|the \w+|your \w+)\b|\b(?:want|like|need|love|wanna|hoping|looking|keen|trying) to (?:schedule|book|reserve|make a booking|make a reservation|make an appointment|get an appointment|set up a time)\b/gi,
  new RegExp(String.raw`\bfree to (?:meet|chat|talk|come)\b|\b(?:can|could|shall|should) (?:we|i) (?:meet|meet up|catch up|get together)\b|\b(?:meet|meet up|catch up|get together) (?:on |this |next |at )?(?:tomorrow|today|tonight|next week|this week|\d{1,2}(?::\d\d)? ?(?:am|pm)|${DAY})`, 'gi'),
  new RegExp(String.raw`\b(?:(?:i'll|i will|we'll|we will|i'd like|we'd like|i'd like to|we'd like to|can i|can we|could i|could we|let me|let's) (?:take|have|get|grab|go for|book|do)|give me|put me (?:in|down) for) (?:the |a |that )?(?:\d{1,2}(?::\d\d)? ?(?:am|pm|o'?clock)?|${DAY}|morning|afternoon|evening|earlier|later|first|last|second|earliest|next available)(?: [\w'-]+)? (?:slot|one|appointment|time|session|class|option|opening|spot)\b`, 'gi'),
  // "bring my dog in", "drop the car off for a service"
  /\b(?:bring|drop) (?:my|our|the|him|her|them|it)(?: [\w'-]+){0,2} (?:in|over|round|by|off)\b(?! (?:the|a|an|my|your|our|his|her|their)\b)/gi,
  new RegExp(String.raw`\b(?:table|room|spot|seat|space|place|slot|appointment|booking|reservation)s? (?:for|on) (?:tonight|today|tomorrow|this|next|the \d|\d|${DAY})`, 'gi'),
  new RegExp(String.raw`\b(?:have|got|is there) (?:anything|something|any(?:thing)? (?:free|open|available)|space|room|availability) (?:on |for |this |next |later |at )?(?:today|tonight|tomorrow|weekend|week|morning|afternoon|evening|\d{1,2}(?::\d\d)? ?(?:am|pm)|${DAY})`, 'gi'),
  new RegExp(String.raw`\b(?:does|would|will|could|is|can) (?:[\w'-]+\s+){0,3}?(?:\d{1,2}(?::\d\d)? ?(?:am|pm)|noon|tomorrow|today|tonight|${DAY})(?:\s+[\w'-]+){0,2}?\s+(?:work|suit|be (?:ok|okay|fine|possible)|ok|okay|free|possible|available)\b`, 'gi'),
  /\blet'?s (?:schedule|book|set up|arrange|plan|pencil|lock in|find a time|get (?:something|it|a time) (?:booked|scheduled|in))\b|\b(?:schedule|book|arrange|set up) (?:something|a time|a date|it in|one in)\b|\b(?:find|pick|set|choose) a (?:time|date|day|slot)\b/gi,
  new RegExp(String.raw`\b(?:like|love|want|keen|able|can (?:i|we)|could (?:i|we)|may (?:i|we)) (?:to )?(?:try|attend|join|come to|drop in on|sit in on|do) (?:a|an|one|the|your) (?:[\w'-]+\s+){0,2}?(?:class|session|lesson|workout|tasting|trial)(?:es|s)?\b`, 'gi'),
];

const BOOKING_OFFER = /\b(?:book|schedule|reserve|hold|set up|demo|call|appointment|spot|seat|place|slot|viewing|consultation|sign you up|register|save you)/i;

// The assistant offers times ("We have 2pm or 4pm Thursday, which works?") and the user picks one.
const TIME_WORD = new RegExp(String.raw`\b(?:\d{1,2}(?::\d\d)? ?(?:am|pm|o'?clock)|\d{1,2}:\d\d|noon|midday|tomorrow|today|tonight|morning|afternoon|evening|slots?|times?|${DAY})`, 'i');
const OFFERING = /\b(?:which|what time|would|does|do you|shall|should|works?|suits?|prefer|available|free|or)\b/i;
const PICK = new RegExp(String.raw`^\s*(?:yes|yeah|yep|yup|sure|ok|okay|perfect|great|good|lovely|brilliant|awesome|sounds (?:good|great|perfect)|that works|works|either|the (?:first|second|earlier|later|\d{1,2}(?::\d\d)?\s?(?:am|pm)?)|book (?:it|me)|lock (?:it|me) in|see you then|\d{1,2}(?::\d\d)?\s?(?:am|pm)?|(?:on )?(?:${DAY}|morning|afternoon|evening|tomorrow|today|tonight))\b`, 'i');
const PICK_RESERVATION = /\b(?:no|nah|nope|not|neither|none|can't|cannot|won't|busy|check|later|maybe|hmm|wait|don't|unsure|sorry|think)\b/i;
const PICK_MAX_WORDS = 12;

function picksOfferedTime(turn: UserTurn): boolean {
  const reply = turn.analysis.text;
  if (!turn.priorAssistantText || reply.split(/\s+/).length > PICK_MAX_WORDS || PICK_RESERVATION.test(reply) || !PICK.test(reply)) return false;
  const questions = turn.priorAssistantText.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim().endsWith('?'));
  return questions.some((question) => TIME_WORD.test(question) && OFFERING.test(question));
}

export const bookingFamily: Family = {
  name: 'booking-intent',
  describes: 'wants to book or schedule something',
  judge({ userTurns }: JudgeInput) {
    for (const [index, turn] of userTurns.entries()) {
      const hit = firstHit(turn.analysis, BOOKING_REQUESTS, { negatable: true, factualOnly: true });
      if (hit && retractedAfter(userTurns, index, hit)) continue;
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.8 };
      if (acceptsOffer(turn, BOOKING_OFFER) || picksOfferedTime(turn)) return { evidence: turn.analysis.text, confidence: 0.75, answersOffer: true };
    }
    return undefined;
  },
};
