/**
 * The schema of `dialogs/screening.json`: the eligibility screening as content. Questions, their
 * wording and help, branching, outcome rules and the bot's screening wording. Every question and every
 * rule names the passage that justifies it; `loadScreening` locates each one in `knowledge/`.
 */
import { z } from 'zod';
import { patternSchema } from '../content/patternSchema';

const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids use lower-case letters, digits and single "-"');
const textSchema = z.string().trim().min(1);

/** The answer types a question can have. */
export const answerTypes = ['yes-no', 'choice', 'number', 'date', 'duration'] as const;

/** One answer type. */
export type AnswerType = (typeof answerTypes)[number];

/**
 * The passage behind a question or rule: a verbatim sentence of one document, or every side of a known
 * disagreement from `knowledge/disagreements.json`.
 */
export const quoteSourceSchema = z.union([
  z.strictObject({ documentId: z.string().min(1), text: z.string().min(1) }),
  z.strictObject({ disagreement: z.string().min(1) }),
]);

/** A quote source as written in the file. */
export type QuoteSource = z.infer<typeof quoteSourceSchema>;

/**
 * A test on an earlier answer. `is`: the answer is one of these values (`yes`, `no`, a choice's id, or
 * `unsure`: not sure, or left open after too many tries). `over` / `upTo`: a number above / at most this, or
 * for a date or duration, longer ago than / at most this long ago ("8 weeks"). All given tests must hold.
 */
export const conditionSchema = z
  .strictObject({
    question: idSchema,
    is: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    over: z.union([z.number(), z.string().min(1)]).optional(),
    upTo: z.union([z.number(), z.string().min(1)]).optional(),
  })
  .refine((condition) => condition.is !== undefined || condition.over !== undefined || condition.upTo !== undefined, {
    message: 'a condition needs "is", "over" or "upTo"',
  });

/** A condition as written in the file. */
export type Condition = z.infer<typeof conditionSchema>;

const questionBase = {
  id: idSchema,
  /** The question as the bot asks it. */
  text: textSchema,
  /** Short name of the question in the summary ("Fracture confirmed by imaging"). */
  label: textSchema.max(80),
  /** Shown when the user asks for help at this question. */
  help: textSchema,
  /** The passages that justify asking; shown for "why do you ask?". */
  quotes: z.array(quoteSourceSchema).min(1, 'every question needs the quote that justifies it'),
  /** Whether "not sure" is an accepted answer (it gets its own button). Default false. */
  allowUnsure: z.boolean().default(false),
  /** Ask only when all these hold (conditions on earlier questions). Default: always ask. */
  askIf: z.array(conditionSchema).default([]),
  /** After this question, go straight to the summary when all these hold. Default: never. */
  endIf: z.array(conditionSchema).default([]),
  /** Example answers offered as buttons (number, date and duration questions). */
  suggestions: z.array(textSchema.max(40)).max(6).default([]),
};

/** One answer option of a choice question. */
export const choiceOptionSchema = z.strictObject({
  id: idSchema,
  /** The button title and the answer as shown in the summary. */
  label: textSchema.max(60),
  /** Other words that mean this option ("fall", "accident"), matched as whole words. */
  synonyms: z.array(textSchema).default([]),
});

/** One choice option. */
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** One question of the screening. */
export const screeningQuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...questionBase, type: z.literal('yes-no') }),
  z.strictObject({ ...questionBase, type: z.literal('choice'), options: z.array(choiceOptionSchema).min(2) }),
  z.strictObject({
    ...questionBase,
    type: z.literal('number'),
    min: z.number(),
    max: z.number(),
    /** Whether only whole numbers are accepted. Default true. */
    integer: z.boolean().default(true),
  }),
  z.strictObject({ ...questionBase, type: z.literal('date') }),
  z.strictObject({ ...questionBase, type: z.literal('duration') }),
]);

/** A question as written in the file. */
export type ScreeningQuestionContent = z.infer<typeof screeningQuestionSchema>;

/**
 * What a rule does when it fires: `supports` is a reason for `candidate`; `not-suitable` and
 * `needs-review` decide the outcome (`needs-review` wins); `note` is shown whatever the outcome
 * (preparation, not exclusion); `emergency` stops the screening with the emergency instruction at once.
 */
export const ruleEffects = ['supports', 'not-suitable', 'needs-review', 'note', 'emergency'] as const;

/** One rule effect. */
export type RuleEffect = (typeof ruleEffects)[number];

/** An outcome rule. */
export const screeningRuleSchema = z.strictObject({
  id: idSchema,
  effect: z.enum(ruleEffects),
  /** Fires when all these hold. */
  when: z.array(conditionSchema).min(1),
  /**
   * The reason in our words, shown above its quotes: what the patient answered and a lead-in ending with
   * a colon ("You said … The clinic's documents say:"). Every medical statement is in the quotes; the
   * reason only guides to them. Never a diagnosis.
   */
  reason: textSchema.refine((text) => text.endsWith(':'), {
    message: "must end with a colon: our words only lead in to the quotes (\"The clinic's documents say:\"); a medical statement belongs in the quotes",
  }),
  quotes: z.array(quoteSourceSchema).min(1, 'every rule needs the quote that justifies it'),
});

/** A rule as written in the file. */
export type ScreeningRuleContent = z.infer<typeof screeningRuleSchema>;

const patternsSchema = z.array(patternSchema).min(1);
const phrasesSchema = z.array(textSchema).min(1);

/** The bot's wording for the screening. `{count}`, `{min}` and `{max}` are filled in where noted. */
export const screeningWordingSchema = z.strictObject({
  /** Before the first question. `{count}`: the number of questions. */
  intro: textSchema,
  /** Before a question asked again after help, "why" or an answered question. */
  resume: textSchema,
  whyLeadIn: textSchema,
  /** Added to a question's help: the commands. */
  generalHelp: textSchema,
  /** Before a question asked again after an answer that was not understood, by answer type. */
  retry: z.strictObject({
    yesNo: textSchema,
    choice: textSchema,
    /** `{min}`, `{max}`: the accepted range. */
    number: textSchema,
    date: textSchema,
    duration: textSchema,
    /** Added when the question accepts "not sure". */
    orUnsure: textSchema,
  }),
  /** Before the next question when a question was left open after too many tries. */
  leftOpen: textSchema,
  /** Before the date the clinic reviewed a quote's document, in its citation ("reviewed 2026-11-22"). */
  reviewedLabel: textSchema.max(30),
  /** When "back" is asked at the first question. */
  atFirstQuestion: textSchema,
  startingOver: textSchema,
  /** When the stored progress could not be used (e.g. the screening changed): it starts again. */
  restarted: textSchema,
  cancelled: textSchema,
  /** Button titles (they are also understood when typed). */
  actions: z.strictObject({ yes: textSchema.max(40), no: textSchema.max(40), unsure: textSchema.max(40), why: textSchema.max(40) }),
  summary: z.strictObject({
    answersHeading: textSchema,
    outcomes: z.strictObject({ candidate: textSchema, 'not-suitable': textSchema, 'needs-review': textSchema }),
    reasonsHeading: textSchema,
    notesHeading: textSchema,
    unsure: textSchema,
    leftOpen: textSchema,
    /** "less than" / "more than" before a duration. */
    lessThan: textSchema,
    moreThan: textSchema,
    /** Unit names for durations: [one, several]. */
    units: z.strictObject({
      day: z.tuple([textSchema, textSchema]),
      week: z.tuple([textSchema, textSchema]),
      month: z.tuple([textSchema, textSchema]),
      year: z.tuple([textSchema, textSchema]),
    }),
    disclaimer: textSchema,
  }),
});

/** The screening wording. */
export type ScreeningWording = z.infer<typeof screeningWordingSchema>;

/** `dialogs/screening.json`. */
export const screeningDefinitionSchema = z.strictObject({
  $comment: z.string().optional(),
  id: idSchema,
  /** Changes whenever questions change; progress stored under another version starts again. */
  version: textSchema,
  title: textSchema,
  /** Canonical URL of the Questionnaire the stored QuestionnaireResponse answers (FHIR R4). */
  questionnaireUrl: z.string().regex(/^(https?|urn):\S+$/, 'a URL or URN'),
  /** How many answers a question may get before it is left open. */
  maxAttempts: z.number().int().min(1).max(10),
  /** Messages that start the screening ("am I a candidate?"). */
  triggers: patternsSchema,
  /** Commands understood at any question, matched against the whole message. */
  commands: z.strictObject({
    cancel: patternsSchema,
    help: patternsSchema,
    why: patternsSchema,
    back: patternsSchema,
    startOver: patternsSchema,
  }),
  /** Messages that are questions to answer from the documents rather than answers. */
  freeFormQuestion: patternsSchema,
  /** Words for yes, no and not sure, matched at the start of an answer (`unsure` anywhere in it). */
  vocabulary: z.strictObject({ yes: phrasesSchema, no: phrasesSchema, unsure: phrasesSchema }),
  wording: screeningWordingSchema,
  questions: z.array(screeningQuestionSchema).min(1),
  rules: z.array(screeningRuleSchema).min(1),
});

/** The screening definition as written in the file. */
export type ScreeningDefinition = z.infer<typeof screeningDefinitionSchema>;
