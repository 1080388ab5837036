import { z } from 'zod';
import { isValidTerm } from './termMatcher';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower case words joined by hyphens');
const termSchema = z
  .string()
  .trim()
  .min(1, 'a term must not be empty')
  .refine(isValidTerm, { message: 'a number range is written {low..high}, e.g. {38..43}' });
const termsSchema = z.array(termSchema).min(1);

/** Where a rule's concepts must stand together: one sentence (default) or anywhere in the message. */
export const redFlagScopeSchema = z.enum(['sentence', 'message']);

/** One way a rule matches: all of these concepts within `window` words of each other. */
export const redFlagCombinationSchema = z.union([
  z.array(idSchema).min(1),
  z.object({
    concepts: z.array(idSchema).min(1),
    window: z.number().int().min(1).max(60).optional(),
    scope: redFlagScopeSchema.optional(),
    /** Concepts that, with this combination, mean the words are about something else (besides the rule's). */
    unless: z.array(idSchema).optional(),
  }),
]);

/** One red-flag rule: an emergency symptom and the combinations of concepts that recognise it. */
export const redFlagRuleSchema = z.object({
  id: idSchema,
  /** Short label of the symptom for staff and logs ("chest pain"); never the user's words. */
  label: z.string().min(1),
  /** Which instruction the rule gives (a key of `instructions`). Default: `emergency`. */
  instruction: z.string().min(1).default('emergency'),
  when: z.array(redFlagCombinationSchema).min(1),
  /** Concepts that, in the same sentence, mean the words are about something else ("a collapsed vertebra"). */
  unless: z.array(idSchema).default([]),
  /** Most words from the first to the last concept of a combination. Default 6. */
  window: z.number().int().min(1).max(60).default(6),
  scope: redFlagScopeSchema.default('sentence'),
  /**
   * Whether question and hypothetical frames can hide a match (default true). Self-harm sets false:
   * "everyone would be better off if I was dead" is never a hypothetical; only a question that says
   * nothing personal ("is suicide more common with chronic pain?", "if a caller mentions suicidal
   * thoughts, who do we call?") is not an alarm.
   */
  frames: z.boolean().default(true),
});
export type RedFlagRule = z.infer<typeof redFlagRuleSchema>;

/** Emergency number and crisis line of one country. */
export const emergencyContactsSchema = z.object({
  name: z.string().min(1),
  emergencyNumber: z.string().min(1),
  crisisLine: z.string().min(1),
});
export type EmergencyContacts = z.infer<typeof emergencyContactsSchema>;

/** `knowledge/redFlags.json`: how messages are read, the concepts, and the rules over them. */
export const redFlagsSchema = z
  .object({
    defaultCountry: z.string().min(2),
    countries: z.record(z.string().min(2), emergencyContactsSchema),
    /** Instruction templates by name; `{emergencyNumber}` and `{crisisLine}` are filled per country. */
    instructions: z.record(z.string().min(1), z.string().min(20)),
    /** Contractions without their apostrophe, spelled out ("cant" → "can not"). */
    contractions: z.record(z.string().min(1), z.string().min(1)),
    /** Words whose apostrophe-less form is a word of its own ("ill", "shed"): spelled out only when typed with the apostrophe. */
    keepApostropheWords: z.array(z.string().min(1)).default([]),
    /** Text-speak and frequent misspellings, spelled out ("rn" → "right now"). */
    textSpeak: z.record(z.string().min(1), z.string().min(1)),
    negationWords: termsSchema,
    negationFillers: termsSchema,
    negationUndo: z.array(termSchema).default([]),
    personalWords: termsSchema,
    objectWords: termsSchema,
    questionWords: termsSchema,
    /** Question words that open a yes-no question about what could happen ("could it …", "will the cement …"). */
    modalQuestionWords: termsSchema,
    reportingWords: termsSchema,
    conditionalWords: termsSchema,
    /** Words that start a new clause ("but", "because"): a frame before one does not reach past it. */
    clauseBreakers: termsSchema,
    hypotheticalFrames: z.object({ causal: termsSchema, modal: termsSchema }),
    hypotheticalAfter: termsSchema,
    /** Words after a symptom that make it a habit, not an event ("I get faint if I don't eat"): hide it in a question whoever has it. */
    habitualAfter: termsSchema,
    /** Phrases read as other words before matching ("not able to" → "unable to"), so that concepts list one form. */
    phrases: z.record(z.string().min(1), z.string().min(1)).default({}),
    historyMarkers: termsSchema,
    /** Words that say a symptom is over or going ("back to normal", "getting better"): anywhere in the sentence, unless a present-time word is nearer. */
    resolvedMarkers: termsSchema,
    /** Words that make a symptom a habit, not an event ("always", "every time"), just before or after it, in any sentence. */
    habitualWords: termsSchema,
    presentMarkers: termsSchema,
    concepts: z.record(idSchema, termsSchema),
    rules: z.array(redFlagRuleSchema).min(1),
  })
  .superRefine((content, ctx) => {
    if (!('emergency' in content.instructions)) ctx.addIssue({ code: 'custom', path: ['instructions'], message: 'an "emergency" instruction is required' });
    if (!(content.defaultCountry in content.countries)) {
      ctx.addIssue({ code: 'custom', path: ['defaultCountry'], message: `"${content.defaultCountry}" is not one of countries (${Object.keys(content.countries).join(', ')})` });
    }
    content.rules.forEach((rule, r) => {
      if (!(rule.instruction in content.instructions)) {
        ctx.addIssue({ code: 'custom', path: ['rules', r, 'instruction'], message: `"${rule.instruction}" is not one of instructions (${Object.keys(content.instructions).join(', ')})` });
      }
      const named = [
        ...rule.when.flatMap((combination) => (Array.isArray(combination) ? combination : [...combination.concepts, ...(combination.unless ?? [])])),
        ...rule.unless,
      ];
      for (const concept of named) {
        if (!(concept in content.concepts)) ctx.addIssue({ code: 'custom', path: ['rules', r], message: `rule "${rule.id}" names unknown concept "${concept}"` });
      }
    });
    for (const [name, template] of Object.entries(content.instructions)) {
      for (const [, placeholder] of template.matchAll(/\{(\w+)\}/g)) {
        if (placeholder !== 'emergencyNumber' && placeholder !== 'crisisLine') {
          ctx.addIssue({ code: 'custom', path: ['instructions', name], message: `unknown placeholder {${placeholder}} (use {emergencyNumber} or {crisisLine})` });
        }
      }
    }
  });
export type RedFlags = z.infer<typeof redFlagsSchema>;
