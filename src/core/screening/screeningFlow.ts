/**
 * The order of the questions (branching with `askIf` / `endIf`), going back, and what the answers add
 * up to (the outcome rules). Pure functions over plain data.
 */
import type {
  AnsweredQuestion,
  CompiledCondition,
  FiredRule,
  LoadedQuestion,
  LoadedRule,
  Screening,
  ScreeningAnswer,
  ScreeningAnswers,
  ScreeningEvaluation,
} from './screeningTypes';

/** Where the screening goes after a question: another question, or the summary. */
export type NextStep = { kind: 'question'; questionId: string } | { kind: 'summary' };

function numericValue(answer: ScreeningAnswer): number | undefined {
  switch (answer.kind) {
    case 'number':
      return answer.value;
    case 'duration':
    case 'date':
      return answer.days;
    default:
      return undefined;
  }
}

function valueName(answer: ScreeningAnswer): string | undefined {
  switch (answer.kind) {
    case 'yes-no':
    case 'choice':
      return answer.value;
    case 'unsure':
    case 'unanswered':
      return 'unsure';
    default:
      return undefined;
  }
}

/** Whether one condition holds. A question not answered (skipped) never satisfies a condition. */
export function conditionHolds(condition: CompiledCondition, answers: ScreeningAnswers): boolean {
  const answer = answers[condition.question];
  if (!answer) return false;
  if (condition.is) {
    const name = valueName(answer);
    if (name === undefined || !condition.is.includes(name)) return false;
  }
  if (condition.over !== undefined || condition.upTo !== undefined) {
    const value = numericValue(answer);
    if (value === undefined) return false;
    if (condition.over !== undefined && !(value > condition.over)) return false;
    if (condition.upTo !== undefined && !(value <= condition.upTo)) return false;
  }
  return true;
}

/** Whether every condition holds (true for none). */
export function allHold(conditions: readonly CompiledCondition[], answers: ScreeningAnswers): boolean {
  return conditions.every((condition) => conditionHolds(condition, answers));
}

/** The answers by question id. */
export function answersById(answered: readonly AnsweredQuestion[]): ScreeningAnswers {
  return Object.fromEntries(answered.map((item) => [item.questionId, item.answer]));
}

/** A question by id. */
export function findQuestion(screening: Screening, questionId: string): LoadedQuestion | undefined {
  return screening.questions.find((question) => question.id === questionId);
}

function firstAskedFrom(screening: Screening, index: number, answers: ScreeningAnswers): NextStep {
  const next = screening.questions.slice(index).find((question) => allHold(question.askIf, answers));
  return next ? { kind: 'question', questionId: next.id } : { kind: 'summary' };
}

/** The first question to ask. */
export function firstStep(screening: Screening): NextStep {
  return firstAskedFrom(screening, 0, {});
}

/** The step after `questionId` has been answered: the summary when its `endIf` holds, else the next question whose `askIf` holds. */
export function nextStep(screening: Screening, questionId: string, answered: readonly AnsweredQuestion[]): NextStep {
  const answers = answersById(answered);
  const index = screening.questions.findIndex((question) => question.id === questionId);
  const question = screening.questions[index];
  if (!question) return { kind: 'summary' };
  if (question.endIf.length > 0 && allHold(question.endIf, answers)) return { kind: 'summary' };
  return firstAskedFrom(screening, index + 1, answers);
}

/** The rules whose conditions all hold. */
export function firedRules(rules: readonly LoadedRule[], answers: ScreeningAnswers): FiredRule[] {
  return rules
    .filter((rule) => allHold(rule.when, answers))
    .map((rule) => ({ ruleId: rule.id, effect: rule.effect, reason: rule.reason, quotes: rule.quotes }));
}

/** The first `emergency` rule that fires on these answers, if any (checked after every answer). */
export function emergencyRule(screening: Screening, answered: readonly AnsweredQuestion[]): FiredRule | undefined {
  return firedRules(screening.rules.filter((rule) => rule.effect === 'emergency'), answersById(answered))[0];
}

/**
 * The outcome: `needs-review` when any such rule fired (a person should look whenever something is
 * unclear), else `not-suitable` when any such rule fired, else `candidate`. The reasons are the rules
 * behind it (for `needs-review`, also any `not-suitable` ones); notes are shown whatever the outcome.
 */
export function evaluateScreening(screening: Screening, answered: readonly AnsweredQuestion[]): ScreeningEvaluation {
  const fired = firedRules(screening.rules, answersById(answered));
  const withEffect = (effect: FiredRule['effect']) => fired.filter((rule) => rule.effect === effect);
  const review = withEffect('needs-review');
  const unsuitable = withEffect('not-suitable');
  const notes = withEffect('note');
  if (review.length > 0) return { outcome: 'needs-review', reasons: [...review, ...unsuitable], notes };
  if (unsuitable.length > 0) return { outcome: 'not-suitable', reasons: unsuitable, notes };
  return { outcome: 'candidate', reasons: withEffect('supports'), notes };
}
