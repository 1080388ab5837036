/**
 * Buttons in Teams. Teams shows only the first three suggested actions and only `imBack` ones, and a
 * button's text posted into a channel or group chat would not reach the bot without an @mention. So in
 * Teams every reply's suggested actions become one Adaptive Card of `Action.Submit` buttons: a click
 * sends the bot a message with the button's `value` and no text, in every scope, mention or not.
 * - message-back actions (the welcome's actions, feedback) keep their value (`{ action }`, `{ feedback, … }`);
 * - `imBack` actions (answers to a screening question, suggested questions) send `{ reply: text }`,
 *   which the bot reads as typed text (botActions.ts `typedText`); a screening question's buttons add
 *   `questionId`, since a card stays clickable after the conversation has moved on.
 */
import { ActionTypes, CardFactory, type Attachment, type CardAction } from 'botbuilder';
import type { ReplyValue } from '../../bot/botActions';

/** Most buttons on one card (Teams' Adaptive Card host allows six actions). */
export const maxCardActions = 6;

/** Adaptive Card version of the buttons card (1.2: every Teams client, mobile included). */
export const buttonsCardVersion = '1.2';

/** An Adaptive Card button. */
export type CardButton =
  | { type: 'Action.Submit'; title: string; data: Record<string, unknown> }
  | { type: 'Action.OpenUrl'; title: string; url: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The card button for one suggested action; undefined for kinds Teams cannot offer as a button.
 * `questionId`: the screening question the reply asks — its answer buttons name it (stale clicks).
 */
export function toCardButton(action: CardAction, questionId?: string): CardButton | undefined {
  const title = action.title ?? (typeof action.value === 'string' ? action.value : undefined);
  if (!title) return undefined;
  switch (action.type) {
    case ActionTypes.ImBack: {
      const reply: ReplyValue = {
        reply: typeof action.value === 'string' && action.value.trim() !== '' ? action.value : title,
        ...(questionId ? { questionId } : {}),
      };
      return { type: 'Action.Submit', title, data: { ...reply } };
    }
    case ActionTypes.MessageBack:
    case ActionTypes.PostBack:
      if (isRecord(action.value)) return { type: 'Action.Submit', title, data: { ...action.value } };
      return { type: 'Action.Submit', title, data: { reply: typeof action.value === 'string' ? action.value : (action.text ?? title) } };
    case ActionTypes.OpenUrl:
      return typeof action.value === 'string' && /^https?:\/\//i.test(action.value) ? { type: 'Action.OpenUrl', title, url: action.value } : undefined;
    default:
      return undefined;
  }
}

/**
 * The card holding a reply's buttons (at most {@link maxCardActions}); undefined when there are none.
 * `questionId`: the screening question the reply asks, if it asks one.
 */
export function buttonsCard(actions: readonly CardAction[], questionId?: string): Attachment | undefined {
  const buttons = actions.flatMap((action) => toCardButton(action, questionId) ?? []).slice(0, maxCardActions);
  if (buttons.length === 0) return undefined;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: buttonsCardVersion,
    body: [],
    actions: buttons,
  });
}
