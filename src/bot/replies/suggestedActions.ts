/**
 * Suggested actions of the bot's replies: the welcome's three actions, question suggestions and
 * feedback. Actions send a message-back `value` (see botActions.ts) and show their title as the user's
 * message; question suggestions send the question itself.
 */
import { ActionTypes, type CardAction, type SuggestedActions } from 'botbuilder';
import { botActionIds, type BotActionId, type FeedbackRating, type FeedbackValue } from '../botActions';
import type { BotWording } from '../botWording';
import type { QuoteRef, ReplyOutcome } from './replyOutcome';

function messageBack(title: string, value: object): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** The action for one of the welcome's actions. */
export function botAction(action: BotActionId, wording: BotWording): CardAction {
  const titles: Record<BotActionId, string> = {
    [botActionIds.startScreening]: wording.actions.startScreening,
    [botActionIds.askQuestion]: wording.actions.askQuestion,
    [botActionIds.talkToPerson]: wording.actions.talkToPerson,
  };
  return messageBack(titles[action], { action });
}

/** The welcome's three actions: check candidacy · ask a question · talk to a person. */
export function mainActions(wording: BotWording): CardAction[] {
  return [botActionIds.startScreening, botActionIds.askQuestion, botActionIds.talkToPerson].map((action) =>
    botAction(action, wording),
  );
}

/** Actions that send a question as the user's message. */
export function questionActions(questions: readonly string[]): CardAction[] {
  return questions.map((question) => ({ type: ActionTypes.ImBack, title: question, value: question }));
}

/** Helpful / not helpful for a reply that showed `quotes`. */
export function feedbackActions(wording: BotWording, outcome: ReplyOutcome, quotes: readonly QuoteRef[]): CardAction[] {
  const value = (feedback: FeedbackRating): FeedbackValue => ({ feedback, outcome, quotes: [...quotes] });
  return [messageBack(wording.actions.helpful, value('helpful')), messageBack(wording.actions.notHelpful, value('not-helpful'))];
}

/** Wraps actions for `activity.suggestedActions`; undefined when there are none. */
export function toSuggestedActions(actions: readonly CardAction[]): SuggestedActions | undefined {
  return actions.length > 0 ? { to: [], actions: [...actions] } : undefined;
}

/** Picks up to `limit` distinct questions, in order. */
export function pickQuestions(questions: readonly string[], limit: number): string[] {
  return [...new Set(questions.map((question) => question.trim()).filter((question) => question !== ''))].slice(0, limit);
}
