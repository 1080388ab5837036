/**
 * The screening's summary: the answers given (as understood, never the user's words), the outcome in
 * the clinic's wording, each reason with its quotes, the notes, the disclaimer, and an offer to talk to
 * a person. Never a diagnosis: the wording says what the documents say about answers like these.
 */
import type { Activity } from 'botbuilder';
import { findQuestion } from '../../core/screening/screeningFlow';
import type { AnsweredQuestion, FiredRule, LoadedQuestion, Screening, ScreeningAnswer, ScreeningEvaluation } from '../../core/screening/screeningTypes';
import { botActionIds } from '../botActions';
import type { BotWording } from '../botWording';
import { botAction } from '../replies/suggestedActions';
import type { ReplyPart } from '../replies/replyContent';
import { QuoteNumbering } from './quoteNumbering';
import { screeningActivity, wordingPart } from './screeningReplies';

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(1);
}

/** An answer as shown in the summary ("Yes", "Osteoporosis (thin bones)", "7", "3 weeks", "Not sure"). */
export function describeAnswer(screening: Screening, question: LoadedQuestion, answer: ScreeningAnswer): string {
  const { actions, summary } = screening.wording;
  switch (answer.kind) {
    case 'yes-no':
      return answer.value === 'yes' ? actions.yes : actions.no;
    case 'choice':
      return (question.type === 'choice' ? question.options.find((option) => option.id === answer.value)?.label : undefined) ?? answer.value;
    case 'number':
      return formatAmount(answer.value);
    case 'duration': {
      const [one, several] = summary.units[answer.unit];
      const comparator = answer.comparator === '<' ? `${summary.lessThan} ` : answer.comparator === '>' ? `${summary.moreThan} ` : '';
      return `${comparator}${formatAmount(answer.amount)} ${answer.amount === 1 ? one : several}`;
    }
    case 'date':
      return answer.date;
    case 'unsure':
      return summary.unsure;
    case 'unanswered':
      return summary.leftOpen;
  }
}

function ruleSection(heading: string, rules: readonly FiredRule[], quotes: QuoteNumbering): ReplyPart[] {
  if (rules.length === 0) return [];
  return [wordingPart(`**${heading}**`), ...rules.flatMap((rule) => [wordingPart(rule.reason), ...quotes.quotes(rule.quotes)])];
}

/** What the summary is built from. */
export interface ScreeningSummaryParts {
  screening: Screening;
  answered: readonly AnsweredQuestion[];
  evaluation: ScreeningEvaluation;
  /** The bot's wording (action titles). */
  wording: BotWording;
}

/** The summary reply, with `channelData.screening = { status: "complete", result, answers, … }`. */
export function summaryActivity({ screening, answered, evaluation, wording }: ScreeningSummaryParts): Partial<Activity> {
  const { summary } = screening.wording;
  const quotes = new QuoteNumbering(screening.wording.reviewedLabel);
  const answerLines = answered.flatMap(({ questionId, answer }) => {
    const question = findQuestion(screening, questionId);
    return question ? [`- ${question.label}: ${describeAnswer(screening, question, answer)}`] : [];
  });
  const parts = [
    wordingPart(`**${summary.answersHeading}**`),
    wordingPart(answerLines.join('\n')),
    wordingPart(summary.outcomes[evaluation.outcome]),
    ...ruleSection(summary.reasonsHeading, evaluation.reasons, quotes),
    ...ruleSection(summary.notesHeading, evaluation.notes, quotes),
    wordingPart(`_${summary.disclaimer}_`),
  ];
  return screeningActivity(
    parts,
    {
      status: 'complete',
      result: evaluation.outcome,
      answers: Object.fromEntries(answered.map(({ questionId, answer }) => [questionId, answer])),
      reasons: evaluation.reasons.map((rule) => rule.ruleId),
      notes: evaluation.notes.map((rule) => rule.ruleId),
    },
    {
      quotes,
      actions: [
        botAction(botActionIds.talkToPerson, wording),
        botAction(botActionIds.askQuestion, wording),
        botAction(botActionIds.startScreening, wording),
      ],
    },
  );
}
