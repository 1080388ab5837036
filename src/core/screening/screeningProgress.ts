/**
 * Where a running screening stands: the current question and the answers so far, in the order given.
 * Plain JSON, kept in conversation state between turns (and across restarts once storage is durable),
 * so it is validated with zod whenever it is read back.
 */
import { z } from 'zod';
import { findQuestion, firstStep, nextStep, type NextStep } from './screeningFlow';
import { answeredQuestionSchema, type Screening, type ScreeningAnswer } from './screeningTypes';

/** A running screening's progress. */
export const screeningProgressSchema = z.strictObject({
  /** The definition's id and version it was started with. */
  screeningId: z.string(),
  version: z.string(),
  /** The question being asked. */
  current: z.string().min(1),
  /** The answers so far, in the order given (the path taken, for "back"). */
  answered: z.array(answeredQuestionSchema),
});

/** A running screening's progress. */
export type ScreeningProgress = z.infer<typeof screeningProgressSchema>;

/** Progress at the first question; undefined when no question is to be asked. */
export function startProgress(screening: Screening): ScreeningProgress | undefined {
  const first = firstStep(screening);
  if (first.kind !== 'question') return undefined;
  return { screeningId: screening.id, version: screening.version, current: first.questionId, answered: [] };
}

/**
 * Whether stored progress still fits the definition: same id and version, and every question it names
 * still exists. Progress from an older definition starts again instead of asking the wrong question.
 */
export function progressFits(screening: Screening, progress: ScreeningProgress): boolean {
  return (
    progress.screeningId === screening.id &&
    progress.version === screening.version &&
    findQuestion(screening, progress.current) !== undefined &&
    progress.answered.every((item) => findQuestion(screening, item.questionId) !== undefined)
  );
}

/** Records the answer to the current question; returns the new progress and where to go next. */
export function recordAnswer(
  screening: Screening,
  progress: ScreeningProgress,
  answer: ScreeningAnswer,
): { progress: ScreeningProgress; next: NextStep } {
  const answered = [...progress.answered.filter((item) => item.questionId !== progress.current), { questionId: progress.current, answer }];
  const next = nextStep(screening, progress.current, answered);
  return { progress: { ...progress, answered, current: next.kind === 'question' ? next.questionId : progress.current }, next };
}

/** Progress one question back (that answer is forgotten); undefined at the first question. */
export function goBack(progress: ScreeningProgress): ScreeningProgress | undefined {
  const previous = progress.answered.at(-1);
  if (!previous) return undefined;
  return { ...progress, current: previous.questionId, answered: progress.answered.slice(0, -1) };
}
