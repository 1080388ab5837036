/**
 * The screening's replies while it runs: the questions (with their answers as suggested actions), the
 * re-prompt, help, "why do you ask?" (the question's quotes) and the cancellation. Every one has
 * `channelData.outcome = "screening"` and `channelData.screening` (DESIGN.md §3). Wording comes from
 * `dialogs/screening.json`; the user's words never appear.
 */
import { ActivityTypes, InputHints, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import type { Screening, ScreeningAnswer, ScreeningOutcome, LoadedQuestion } from '../../core/screening/screeningTypes';
import type { BotWording } from '../botWording';
import type { ReplyChannelData } from '../replies/replyOutcome';
import { mainActions, questionActions, toSuggestedActions } from '../replies/suggestedActions';
import { QuoteNumbering } from './quoteMarkdown';

/** `channelData.screening`: where the screening stands after this reply. */
export type ScreeningStatusData =
  | { status: 'asking'; questionId: string }
  | {
      status: 'complete';
      result: ScreeningOutcome;
      /** The answers by question id, as understood (never the user's words). */
      answers: Record<string, ScreeningAnswer>;
      /** Ids of the rules behind the result. */
      reasons: string[];
      /** Ids of the notes shown. */
      notes: string[];
    }
  | { status: 'cancelled'; reason: 'user' | 'emergency' };

/** `channelData` of a screening reply. */
export interface ScreeningChannelData extends ReplyChannelData {
  screening: ScreeningStatusData;
}

/** Options of {@link screeningActivity}. */
interface ScreeningActivityParts {
  actions?: readonly CardAction[];
  quotes?: QuoteNumbering;
  expectingInput?: boolean;
}

/** A screening reply: Markdown text, its quotes' citations, channelData and suggested actions. */
export function screeningActivity(text: string, screening: ScreeningStatusData, parts: ScreeningActivityParts = {}): Partial<Activity> {
  const { quotes } = parts;
  const references = quotes?.references() ?? '';
  const entities = quotes?.entities() ?? [];
  const channelData: ScreeningChannelData = { outcome: 'screening', quotes: quotes?.refs() ?? [], screening };
  const actions = parts.actions ?? [];
  return {
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Markdown,
    text: references ? `${text}\n\n${references}` : text,
    ...(entities.length > 0 ? { entities } : {}),
    channelData,
    ...(actions.length > 0 ? { suggestedActions: toSuggestedActions(actions) } : {}),
    ...(parts.expectingInput ? { inputHint: InputHints.ExpectingInput } : {}),
  };
}

/** Fills `{name}` placeholders of screening wording. */
export function fillScreeningText(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** The answer buttons of a question ("Yes", "No", "Not sure", the options or examples) and "Why do you ask?". */
export function answerButtons(screening: Screening, question: LoadedQuestion): string[] {
  const { actions } = screening.wording;
  const answers =
    question.type === 'yes-no'
      ? [actions.yes, actions.no]
      : question.type === 'choice'
        ? question.options.map((option) => option.label)
        : question.suggestions;
  return [...answers, ...(question.allowUnsure ? [actions.unsure] : []), actions.why];
}

/** A question, with an optional lead-in (the intro, "back to the candidate check", a re-prompt's hint). */
export function questionActivity(screening: Screening, question: LoadedQuestion, leadIn?: string): Partial<Activity> {
  const text = leadIn ? `${leadIn}\n\n${question.text}` : question.text;
  return screeningActivity(text, { status: 'asking', questionId: question.id }, {
    actions: questionActions(answerButtons(screening, question)),
    expectingInput: true,
  });
}

/** What to say when an answer was not understood: the type's hint, and "not sure" where it is accepted. */
export function retryHint(screening: Screening, question: LoadedQuestion): string {
  const { retry } = screening.wording;
  const hint =
    question.type === 'yes-no'
      ? retry.yesNo
      : question.type === 'choice'
        ? retry.choice
        : question.type === 'number'
          ? fillScreeningText(retry.number, { min: question.min, max: question.max })
          : question.type === 'date'
            ? retry.date
            : retry.duration;
  return question.allowUnsure ? `${hint} ${retry.orUnsure}` : hint;
}

/** The re-prompt after an answer that was not understood. */
export function retryActivity(screening: Screening, question: LoadedQuestion): Partial<Activity> {
  return questionActivity(screening, question, retryHint(screening, question));
}

/** "Why do you ask?": the question's quotes. The question follows in its own reply. */
export function whyActivity(screening: Screening, question: LoadedQuestion): Partial<Activity> {
  const quotes = new QuoteNumbering(screening.wording.reviewedLabel);
  const text = `${screening.wording.whyLeadIn}\n\n${quotes.blockquotes(question.quotes)}`;
  return screeningActivity(text, { status: 'asking', questionId: question.id }, { quotes });
}

/** Help at a question: its own help and the commands. The question follows in its own reply. */
export function helpActivity(screening: Screening, question: LoadedQuestion): Partial<Activity> {
  return screeningActivity(`${question.help}\n\n${screening.wording.generalHelp}`, { status: 'asking', questionId: question.id });
}

/** The screening was cancelled: says so and offers the main actions. */
export function cancelledActivity(screening: Screening, wording: BotWording): Partial<Activity> {
  return screeningActivity(screening.wording.cancelled, { status: 'cancelled', reason: 'user' }, { actions: mainActions(wording) });
}

/** Marks a reply (the emergency instruction) as having ended the screening. */
export function endingScreening(activity: Partial<Activity>, reason: 'user' | 'emergency'): Partial<Activity> {
  const screening: ScreeningStatusData = { status: 'cancelled', reason };
  return { ...activity, channelData: { ...activity.channelData, screening } };
}
