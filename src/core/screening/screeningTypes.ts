/**
 * The screening's runtime types: answers (plain JSON, kept in conversation state), the loaded
 * definition with every quote located, and the outcome.
 */
import { z } from 'zod';
import type { Quote } from '../answer/answerTypes';
import type { AnswerWords } from './answerWords';
import { durationUnits } from './durationUnits';
import type { ChoiceOption, RuleEffect, ScreeningDefinition, ScreeningWording } from './screeningSchemas';

/** Words for yes, no and not sure (`vocabulary` in `dialogs/screening.json`) and for numbers, times and dates (`dialogs/answerWords.json`). */
export type AnswerVocabulary = ScreeningDefinition['vocabulary'] & { words: AnswerWords };


/**
 * One answer, as understood from the user's words (never the words themselves). `unsure` is "not
 * sure"; `unanswered` is a question left open after too many tries.
 */
export const screeningAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('yes-no'), value: z.enum(['yes', 'no']) }),
  z.strictObject({ kind: z.literal('choice'), value: z.string().min(1) }),
  z.strictObject({ kind: z.literal('number'), value: z.number().finite() }),
  z.strictObject({
    kind: z.literal('duration'),
    amount: z.number().min(0),
    unit: z.enum(durationUnits),
    /** The duration in days ("more than" adds one day, "less than" takes one off). */
    days: z.number().min(0),
    /** "more than 8 months" / "less than 8 weeks". */
    comparator: z.enum(['<', '>']).optional(),
    /** When the answer was a date: that date (YYYY-MM-DD). */
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  z.strictObject({ kind: z.literal('date'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), days: z.number().min(0) }),
  z.strictObject({ kind: z.literal('unsure') }),
  z.strictObject({ kind: z.literal('unanswered') }),
]);

/** One answer. */
export type ScreeningAnswer = z.infer<typeof screeningAnswerSchema>;

/** One answered question, in the order asked. */
export const answeredQuestionSchema = z.strictObject({ questionId: z.string().min(1), answer: screeningAnswerSchema });

/** One answered question. */
export type AnsweredQuestion = z.infer<typeof answeredQuestionSchema>;

/** Answers by question id. */
export type ScreeningAnswers = Readonly<Record<string, ScreeningAnswer>>;

/** A condition ready to test: durations converted to days. */
export interface CompiledCondition {
  question: string;
  is?: readonly string[];
  /** Lower bound (exclusive): a number, or days for dates and durations. */
  over?: number;
  /** Upper bound (inclusive): a number, or days for dates and durations. */
  upTo?: number;
}

interface LoadedQuestionBase {
  id: string;
  text: string;
  label: string;
  help: string;
  quotes: Quote[];
  allowUnsure: boolean;
  askIf: CompiledCondition[];
  endIf: CompiledCondition[];
  suggestions: string[];
}

/** A question with its quotes located and its conditions compiled. */
export type LoadedQuestion = LoadedQuestionBase &
  (
    | { type: 'yes-no' }
    | { type: 'choice'; options: ChoiceOption[] }
    | { type: 'number'; min: number; max: number; integer: boolean }
    | { type: 'date' }
    | { type: 'duration' }
  );

/** A rule with its quotes located and its conditions compiled. */
export interface LoadedRule {
  id: string;
  effect: RuleEffect;
  when: CompiledCondition[];
  reason: string;
  quotes: Quote[];
}

/** The screening, validated and located, ready to run. */
export interface Screening {
  id: string;
  version: string;
  title: string;
  questionnaireUrl: string;
  maxAttempts: number;
  triggers: RegExp[];
  commands: Record<keyof ScreeningDefinition['commands'], RegExp[]>;
  freeFormQuestion: RegExp[];
  vocabulary: AnswerVocabulary;
  wording: ScreeningWording;
  questions: LoadedQuestion[];
  rules: LoadedRule[];
}

/** The outcome of a completed screening. */
export const screeningOutcomes = ['candidate', 'not-suitable', 'needs-review'] as const;

/** One outcome. */
export type ScreeningOutcome = (typeof screeningOutcomes)[number];

/** A rule that fired, with its reason and quotes. */
export interface FiredRule {
  ruleId: string;
  effect: RuleEffect;
  reason: string;
  quotes: Quote[];
}

/** What the answers add up to. */
export interface ScreeningEvaluation {
  outcome: ScreeningOutcome;
  /** The rules behind the outcome: `supports` for a candidate, else `needs-review` then `not-suitable`. */
  reasons: FiredRule[];
  /** `note` rules that fired (preparation, things to know). */
  notes: FiredRule[];
}
