import type { Family, JudgeInput } from '../family.js';
import { acceptsOffer, evidenceOf, firstHit } from '../signals.js';

const PURCHASE = String.raw`(?:buy|purchase|order|go ahead|proceed|move forward|sign(?: up| the \w+| on)?|start|get started|commit|pay|check ?out|book it|enrol+|join|upgrade|subscribe|put in an offer|make an offer|place (?:an|the|my) order|take (?:it|this|that|one|two|three|four|five|both|all|a couple|the \w+|them|\d+))`;

const BUYING_SIGNALS = [
  new RegExp(String.raw`\b(?:ready|good|all set|keen|eager) to ${PURCHASE}\b`, 'gi'),
  new RegExp(String.raw`\b(?:i'?ll|i will|we'?ll|we will|i'd like to|we'd like to|i would like to|we would like to|i want to|we want to|let me|let's|lets|i'm going to|we're going to|i've decided to|we've decided to) (?:just |definitely |go ahead and )?${PURCHASE}\b`, 'gi'),
  /\b(?:i|we) (?:take|buy|want|need) (?:the|this|that|it|one|two|three|\d+)\b(?! (?:to|for)\b)/gi,
  /\b(?:i'm|i am|we're|we are) (?:sold|convinced|on board|in)\s*(?:[.!,]|$)|\bcount (?:me|us) in\b|\b(?:good|ready) to go\b|\bsign (?:me|us) up\b/gi,
  /\b(?:i'm|i am|we're|we are) (?:definitely |going to |gonna )?(?:buying|purchasing|ordering|taking) (?:it|this|that|one|the|them|two|\d+)\b/gi,
  /\btake my money\b|\bwhere (?:do|can) (?:i|we) (?:pay|sign|buy|order|check ?out|enter my card|put my card)\b|\bhow (?:do |can |to )?(?:i|we) (?:pay|buy|purchase|order|sign up|subscribe|check ?out|place an order|get started)\b(?! for (?:the )?(?:parking|tolls?|gas|petrol|fuel|food|lunch|dinner|drinks|taxi|uber|rent))/gi,
  /\b(?:where(?:'s| is)|what(?:'s| is)) the (?:buy|purchase|checkout|order|payment|sign[- ]?up) (?:button|link|page)\b/gi,
  /\b(?:send|email|give) (?:me |us )?(?:an |the |a |our |my )?(?:invoice|contract|payment link|checkout link|link to pay|agreement|order form|paperwork|docusign|purchase order|proposal to sign)\b/gi,
  /\b(?:move|switch|put|upgrade|bump) (?:me|us|my account|our account) (?:over |up )?(?:to|onto) (?:the )?[\w-]+ (?:plan|tier|package|subscription|membership)\b|\bupgrade (?:me|us)\b/gi,
  /\b(?:can|could) (?:i|we) pay (?:by|with|via|using|in) (?:card|credit|debit|paypal|bank transfer|cash|instal\w*|apple pay|google pay|crypto|cheque|check)\b/gi,
  /\b(?:do you|you) accept (?:paypal|cards?|credit|visa|mastercard|amex|apple pay|google pay|bank transfer|cash|crypto)\b/gi,
  /\b(?:put|pay|leave|place|bring|send|make|transfer) (?:down )?(?:a|the|my|our|your|that) (?:\w+ )?deposit\b|\bwith (?:a|the) deposit\b|\bdeposit (?:down|on (?:it|the \w+))\b|\b(?:hold|reserve|save|keep|put aside|set aside) (?:it|this|that|the \w+|one|them) (?:\w+ )?for (?:me|us)\b|\b(?:i'll|we'll|i will|we will|i'd|we'd|i want to|we want to) (?:take|grab|have) (?:it|that|this|them|both|one)\b(?! (?:off|out|back|up|apart|down|into account|to|for a|over|on)\b)|\b(?:i|we) want (?:it|that one|this one|them)\s*[.!]|\b(?:deal|sold)\s*[!.]*\s*$/gi,
  /\badd (?:[\w'-]+ ){0,5}to (?:my |the )?(?:cart|basket|order)\b|\b(?:put|make) (?:in )?an offer\b|\bgo (?:with|for) the\b|\bgo ahead (?:with|and)\b|\blet'?s (?:do (?:it|this|that|the [\w -]{1,30}?(?:plan|package|tier|option|bundle|course|membership|one))|go|get started|proceed|move forward|start)\b|\b(?:i'll|we'll|i will|we will|i'd like|we'd like) (?:go for|do|take|get) the [\w -]{0,20}?(?:plan|package|tier|option|one|bundle|course|membership)\b|\bhow (?:do|can) (?:i|we) (?:start|begin|join|enrol+)\b|\bwhere do (?:i|we) sign\b/gi,
];

// Sarcasm turns "I'll definitely buy it" into its opposite.
const SARCASM = /\b(?:yeah (?:sure|right)|as if|sure,? because|\/s)\b|🙄|🙃|😒/i;
const BUY_OFFER = /\b(?:set up|sign you up|get you started|place the order|send (?:you )?(?:over )?(?:the |an )?(?:invoice|contract|link|agreement|paperwork|form)|onboarding|go ahead|proceed|upgrade|plan|checkout|order)/i;

// "How soon can you ship if I order today?" is an order about to happen, not a hypothetical.
const IMMINENT_ORDER = /\bif (?:i|we) (?:order|buy|purchase|sign up|book|pay) (?:it |one |this |them |now |today )?(?:today|now|tonight|this week|right now)\b/gi;

export const buyingSignalFamily: Family = {
  name: 'buying-signal',
  describes: 'shows they are ready to buy or move forward',
  judge({ userTurns }: JudgeInput) {
    for (const turn of userTurns) {
      if (SARCASM.test(turn.analysis.text)) continue;
      const hit = firstHit(turn.analysis, BUYING_SIGNALS, { negatable: true, factualOnly: true }) ?? firstHit(turn.analysis, [IMMINENT_ORDER]);
      if (hit) return { evidence: evidenceOf(turn.analysis, hit), confidence: 0.8 };
      if (acceptsOffer(turn, BUY_OFFER)) return { evidence: turn.analysis.text, confidence: 0.7, answersOffer: true };
    }
    return undefined;
  },
};
