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
import { contractMarkdown, withReplyContent, type ReplyContent, type ReplyPart } from '../replies/replyContent';
import { mainActions, questionActions, toSuggestedActions } from '../replies/suggestedActions';
import { QuoteNumbering } from './quoteNumbering';

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
interface ScreeningActivityOptions {
  actions?: readonly CardAction[];
  /** The numbering of the quotes the parts show (every quote part comes from it). */
  quotes?: QuoteNumbering;
  expectingInput?: boolean;
}

/** A part of our own words. */
export function wordingPart(markdown: string): ReplyPart {
  return { kind: 'wording', markdown };
}

/**
 * A screening reply: Markdown text rendered from its parts, its quotes' citations, channelData and
 * suggested actions; a reply with quotes carries its {@link ReplyContent}.
 */
export function screeningActivity(parts: readonly ReplyPart[], screening: ScreeningStatusData, options: ScreeningActivityOptions = {}): Partial<Activity> {
  const { quotes } = options;
  const content: ReplyContent = quotes ? quotes.content(parts) : { parts, quotes: [] };
  const entities = quotes?.entities() ?? [];
  const channelData: ScreeningChannelData = { outcome: 'screening', quotes: quotes?.refs() ?? [], screening };
  const actions = options.actions ?? [];
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Markdown,
    text: contractMarkdown(content, quotes?.reviewedLabel ?? ''),
    ...(entities.length > 0 ? { entities } : {}),
    channelData,
    ...(actions.length > 0 ? { suggestedActions: toSuggestedActions(actions) } : {}),
    ...(options.expectingInput ? { inputHint: InputHints.ExpectingInput } : {}),
  };
  return content.quotes.length > 0 ? withReplyContent(activity, content) : activity;
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
  const parts = [...(leadIn ? [wordingPart(leadIn)] : []), wordingPart(question.text)];
  return screeningActivity(parts, { status: 'asking', questionId: question.id }, {
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
  const parts = [wordingPart(screening.wording.whyLeadIn), ...quotes.quotes(question.quotes)];
  return screeningActivity(parts, { status: 'asking', questionId: question.id }, { quotes });
}

/** Help at a question: its own help and the commands. The question follows in its own reply. */
export function helpActivity(screening: Screening, question: LoadedQuestion): Partial<Activity> {
  return screeningActivity([wordingPart(question.help), wordingPart(screening.wording.generalHelp)], { status: 'asking', questionId: question.id });
}

/** The screening was cancelled: says so and offers the main actions. */
export function cancelledActivity(screening: Screening, wording: BotWording): Partial<Activity> {
  return screeningActivity([wordingPart(screening.wording.cancelled)], { status: 'cancelled', reason: 'user' }, { actions: mainActions(wording) });
}

/** Marks a reply (the emergency instruction) as having ended the screening. */
export function endingScreening(activity: Partial<Activity>, reason: 'user' | 'emergency'): Partial<Activity> {
  const screening: ScreeningStatusData = { status: 'cancelled', reason };
  return { ...activity, channelData: { ...activity.channelData, screening } };
}
