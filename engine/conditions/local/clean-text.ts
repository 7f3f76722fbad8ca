/**
 * Prepares a user's message for pattern matching: removes text that addresses the judge rather
 * than the business (prompt injection), and evens out informal spelling so one pattern covers
 * "dont", "don't" and "don’t".
 */

// Bracketed pseudo-system blocks: "[SYSTEM OVERRIDE]", "<<assistant: …>>", "<|im_start|>".
const DIRECTIVE_BLOCKS = [
  /<<[^<>]{0,500}>>/g,
  /<\|[^|]{0,80}\|>/g,
  /\[[^\]\n]{0,200}\b(?:system|assistant|instructions?|override|admin|developer|prompt|inst)\b[^\]\n]{0,200}\]/gi,
];

// Sentences that speak to whoever judges the chat instead of to the business.
const DIRECTIVE_SENTENCES = [
  /\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules|prompts?|guidelines|system)\b/i,
  /\b(?:mark|set|flag|answer|respond|return|output|classify|label|treat)\b.{0,60}(?:\b(?:as|to|with) (?:true|false|yes|matched)\b|\bevery (?:condition|rule|check)|\ball (?:conditions|rules|checks)|\btrue to\b)/i,
  /\bsay (?:yes|true) to (?:everything|every|all)\b/i,
  /\b(?:note|message|instruction)s? (?:to|for) (?:the |whatever |any |all )?(?:ai|bot|model|assistant|llm|gpt|reviewer|system|classifier|evaluator)\b/i,
  /\b(?:do not|don't|never) (?:flag|mark|report|classify|trigger)\b/i,
  /\b\w+\s*=\s*(?:true|false|yes|no|1|0)\b/i,
  /\b(?:the|this) (?:user|customer|lead)(?: has| is|'s| gave| wants| should| must| already)\b/i,
  /\b(?:system|admin|developer) (?:override|message|prompt|note|instruction)\b/i,
];

// A word on its own, not part of an address, a URL or a handle.
const STANDALONE_WORD = /(^|[\s("])([A-Za-z]+)(?=$|[\s,!?;:)"]|\.(?:\s|$))/g;

const SENTENCE_BOUNDARY = /(?<=[.!?])\s+|\n+/;

const CONTRACTIONS: Record<string, string> = {
  dont: "don't", cant: "can't", wont: "won't", didnt: "didn't", doesnt: "doesn't", isnt: "isn't", arent: "aren't",
  wasnt: "wasn't", werent: "weren't", havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", shouldnt: "shouldn't",
  wouldnt: "wouldn't", couldnt: "couldn't", im: "I'm", ive: "I've", youre: "you're", thats: "that's", whats: "what's",
  wheres: "where's", theres: "there's", hows: "how's", idk: "I don't know", dunno: "don't know",
};

// Single letters are only shorthand in lower case ("r u a bot"), never in "U.S." or "Plan R".
const LOWER_CASE_SHORTHANDS: Record<string, string> = { u: 'you', r: 'are', ur: 'your' };

const SHORTHANDS: Record<string, string> = {
  pls: 'please', plz: 'please', pleas: 'please', wanna: 'want to', gonna: 'going to',
  gotta: 'got to', rn: 'right now', asap: 'as soon as possible', abt: 'about', bc: 'because', cuz: 'because',
  thx: 'thanks', ty: 'thank you', tmrw: 'tomorrow', tmr: 'tomorrow', tomorow: 'tomorrow', appt: 'appointment',
  acct: 'account', msg: 'message', ppl: 'people', sth: 'something', smth: 'something', gimme: 'give me', lemme: 'let me',
  rly: 'really', tho: 'though', coz: 'because', bcuz: 'because', wat: 'what', hw: 'how', cud: 'could', wud: 'would', pple: 'people',
};

// Frequent misspellings of the words the patterns key on.
const MISSPELLINGS: Record<string, string> = {
  cancle: 'cancel', cancell: 'cancel', canel: 'cancel', cansel: 'cancel', cancelation: 'cancellation',
  refound: 'refund', refnd: 'refund', reimbursment: 'reimbursement', prise: 'price', pricce: 'price', priceing: 'pricing',
  apointment: 'appointment', appointmnet: 'appointment', appoitment: 'appointment', appoinment: 'appointment',
  appointement: 'appointment', shedule: 'schedule', schedual: 'schedule', scedule: 'schedule', adress: 'address',
  addres: 'address', emial: 'email', emal: 'email', numer: 'number', nuber: 'number', humna: 'human', persn: 'person',
  recieve: 'receive', recieved: 'received', frustated: 'frustrated', frusterated: 'frustrated', fustrated: 'frustrated',
  dissapointed: 'disappointed', disapointed: 'disappointed', dissapointing: 'disappointing', subscribtion: 'subscription',
  subcription: 'subscription', subscripton: 'subscription', membreship: 'membership', acount: 'account', accout: 'account',
  tranfer: 'transfer', trasfer: 'transfer', transfering: 'transferring', tranferring: 'transferring',
  charegd: 'charged', chargd: 'charged', withdrawl: 'withdrawal', availible: 'available', avaliable: 'available',
  refud: 'refund', refun: 'refund', reufnd: 'refund', refumd: 'refund', mony: 'money', monney: 'money', moeny: 'money', pirce: 'price', prcie: 'price',
  resevation: 'reservation', reservaton: 'reservation', reservtion: 'reservation', speek: 'speak', tlak: 'talk', somone: 'someone', someon: 'someone',
  sombody: 'somebody', somebdy: 'somebody', humman: 'human', frustarted: 'frustrated', frustraded: 'frustrated', anoyed: 'annoyed', annoied: 'annoyed',
  unaceptable: 'unacceptable', unacceptible: 'unacceptable', rediculous: 'ridiculous', ridiculus: 'ridiculous', terible: 'terrible', horible: 'horrible',
  awfull: 'awful', whatsap: 'whatsapp', watsapp: 'whatsapp', membershp: 'membership', memebership: 'membership', memberhsip: 'membership',
  subscripion: 'subscription', subsciption: 'subscription', contarct: 'contract', contrat: 'contract', cheeper: 'cheaper', expencive: 'expensive',
  expensiv: 'expensive', discout: 'discount', dicount: 'discount', unsubscibe: 'unsubscribe', unsubcribe: 'unsubscribe',
  canceld: 'cancelled', cancled: 'cancelled', apointmnet: 'appointment', apppointment: 'appointment', bookin: 'booking',
  compensaton: 'compensation', manger: 'manager', managr: 'manager', represenative: 'representative',
  representitive: 'representative', disapointing: 'disappointing', dissapoint: 'disappoint', apalling: 'appalling', pathatic: 'pathetic',
};

function respell(word: string): string {
  const lower = word.toLowerCase();
  const replacement = (word === lower ? LOWER_CASE_SHORTHANDS[lower] : undefined) ?? CONTRACTIONS[lower] ?? SHORTHANDS[lower] ?? MISSPELLINGS[lower];
  if (!replacement) return word;
  return word[0] === lower[0] ? replacement : replacement[0].toUpperCase() + replacement.slice(1);
}

function withoutDirectives(text: string): string {
  let rest = text;
  for (const block of DIRECTIVE_BLOCKS) rest = rest.replace(block, ' ');
  return rest
    .split(SENTENCE_BOUNDARY)
    .filter((sentence) => !DIRECTIVE_SENTENCES.some((directive) => directive.test(sentence)))
    .join(' ');
}

export function cleanUserText(text: string): string {
  const plain = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u00a0\u2000-\u200b]/g, ' ');
  return withoutDirectives(plain)
    .replace(STANDALONE_WORD, (_match, before: string, word: string) => before + respell(word))
    .replace(/\s+/g, ' ')
    .trim();
}
