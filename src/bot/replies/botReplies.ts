/**
 * The bot's replies that are not engine results: welcome, the welcome actions' replies, feedback
 * acknowledgements and the error apology. Wording comes from dialogs/botWording.json.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import { botActionIds, type BotActionId, type FeedbackRating } from '../botActions';
import { fillWording, type BotWording } from '../botWording';
import type { ReplyOutcome } from './replyOutcome';
import { botAction, mainActions, questionActions, toSuggestedActions } from './suggestedActions';

function reply(text: string, outcome: ReplyOutcome, actions: readonly CardAction[] = []): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Markdown,
    text,
    channelData: { outcome, quotes: [] },
    ...(actions.length > 0 ? { suggestedActions: toSuggestedActions(actions) } : {}),
  };
}

/** The welcome: who the assistant is, the disclaimer, and the three main actions. */
export function welcomeActivity(wording: BotWording): Partial<Activity> {
  const text = `${fillWording(wording.welcome.greeting, wording)}\n\n${fillWording(wording.welcome.disclaimer, wording)}`;
  return reply(text, 'help', mainActions(wording));
}

/**
 * The reply to "ask a question" or "talk to a person" (the candidate check is the screening dialog).
 * Handoff is not built yet: it says honestly how to reach the clinic today.
 */
export function botActionReply(
  action: Exclude<BotActionId, typeof botActionIds.startScreening>,
  wording: BotWording,
  suggestedQuestions: readonly string[],
): Partial<Activity> {
  switch (action) {
    case botActionIds.askQuestion:
      return reply(fillWording(wording.replies.askQuestion, wording), 'help', questionActions(suggestedQuestions));
    case botActionIds.talkToPerson:
      return reply(handoffText(wording), 'handoff', [botAction(botActionIds.askQuestion, wording)]);
  }
}

/** How to reach a person at the clinic today. */
export function handoffText(wording: BotWording): string {
  const template = wording.clinic.phone ? wording.replies.handoffWithPhone : wording.replies.handoffWithoutPhone;
  return fillWording(template, wording);
}

/** Thanks for feedback; after "not helpful" also offers a person. */
export function feedbackReply(rating: FeedbackRating, wording: BotWording): Partial<Activity> {
  return rating === 'helpful'
    ? reply(fillWording(wording.replies.feedbackHelpful, wording), 'smalltalk')
    : reply(fillWording(wording.replies.feedbackNotHelpful, wording), 'smalltalk', [
        botAction(botActionIds.talkToPerson, wording),
      ]);
}

/** The apology after an error; the conversation goes on. */
export function errorActivity(wording: BotWording): Partial<Activity> {
  return reply(fillWording(wording.replies.error, wording), 'error', [botAction(botActionIds.talkToPerson, wording)]);
}
