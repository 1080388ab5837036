/**
 * The activities of a handoff: what the patient is told (`channelData.outcome = "handoff"`), the offers
 * of a person, the standard `handoff.initiate` event with the context staff need and the transcript
 * attachment (botbuilder's EventFactory), and the messages staff send through the console.
 */
import { ActivityTypes, EventFactory, TextFormatTypes, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { AnswerResult, Quote } from '../../core/answer/answerTypes';
import { escapeMarkdown } from '../../core/answer/formatAnswerMarkdown';
import type { RecentExchange } from '../../handoff/handoffRecord';
import type { HandoffSignal } from '../../handoff/handoffConfig';
import type { HandoffReason } from '../../handoff/handoffWording';
import { botActionIds } from '../botActions';
import type { BotWording } from '../botWording';
import type { RenderAnswerOptions } from '../replies/renderAnswerActivity';
import { renderAnswerActivity } from '../replies/renderAnswerActivity';
import { withLeadingWording } from '../replies/replyContent';
import { botAction, mainActions, toSuggestedActions } from '../replies/suggestedActions';

/** What a handoff's patient-facing reply carries in `channelData`. */
export interface HandoffChannelData {
  outcome: 'handoff';
  quotes: [];
  /** The handoff's step: started, waiting, agent-joined, ended, offer. */
  handoff: string;
  /** Omnichannel-style escalation (with `HANDOFF_SIGNAL=omnichannel`): `{"type":"Escalate","context":{…}}` as a string. */
  tags?: string;
}

/** The context sent in `handoff.initiate` (`value`) for staff and contact-center platforms. */
export interface HandoffContext {
  /** The handoff's id (also the console's). */
  handoffId: string;
  reason: HandoffReason;
  /** The reason in words (dialogs/handoffWording.json). */
  reasonText: string;
  /** The last completed candidate check: outcome and its FHIR QuestionnaireResponse. */
  screening?: { outcome: string; completedAt: string; questionnaireResponse: unknown };
  /** The last questions and the quotes the bot showed for them. */
  recentQuestions: RecentExchange[];
}

/** A message of the handoff to the patient. */
export function handoffMessage(text: string, step: string, actions: readonly CardAction[] = [], tags?: string): Partial<Activity> {
  const channelData: HandoffChannelData = { outcome: 'handoff', quotes: [], handoff: step, ...(tags ? { tags } : {}) };
  const suggestedActions = toSuggestedActions(actions);
  return { type: ActivityTypes.Message, textFormat: TextFormatTypes.Markdown, text, channelData, ...(suggestedActions ? { suggestedActions } : {}) };
}

/** The reply that starts a handoff; with `omnichannel` it also carries the escalation tags. */
export function handoffStartedMessage(text: string, signal: HandoffSignal, context: HandoffContext): Partial<Activity> {
  const tags = signal === 'omnichannel' ? JSON.stringify({ type: 'Escalate', context: { reason: context.reason, handoffId: context.handoffId } }) : undefined;
  return handoffMessage(text, 'started', [], tags);
}

/** The reply when the conversation is the bot's again: the welcome's actions. */
export function handoffEndedMessage(text: string, wording: BotWording): Partial<Activity> {
  return handoffMessage(text, 'ended', mainActions(wording));
}

/** An offer of a person (after no-answers in a row, after an emergency). */
export function handoffOffer(text: string, wording: BotWording): Partial<Activity> {
  return handoffMessage(text, 'offer', [botAction(botActionIds.talkToPerson, wording)]);
}

/**
 * The `handoff.initiate` event: the context as its value and, as the transcript attachment, the recent
 * questions as the patient's messages with the bot's replies described by outcome and quote ids.
 */
export function handoffInitiateEvent(turn: TurnContext, context: HandoffContext): Partial<Activity> {
  const base = turn.activity;
  const activities: Activity[] = context.recentQuestions.flatMap((exchange) => [
    { ...base, id: undefined, type: ActivityTypes.Message, text: exchange.question, value: undefined, attachments: undefined, entities: undefined },
    {
      ...base,
      id: undefined,
      type: ActivityTypes.Message,
      from: base.recipient,
      recipient: base.from,
      text: `[${exchange.outcome}] ${exchange.quotes.map((quote) => `${quote.documentId}:${quote.start}-${quote.end}`).join(' ')}`.trim(),
      value: undefined,
      attachments: undefined,
      entities: undefined,
      channelData: { outcome: exchange.outcome, quotes: exchange.quotes },
    },
  ]);
  return EventFactory.createHandoffInitiation(turn, context, { activities });
}

/**
 * The heading of what a staff member sends: their name and role as a Markdown heading of its own, so
 * the patient's page shows it apart from the assistant's replies (which never use headings).
 */
function agentHeading(heading: string): string {
  return `### ${escapeMarkdown(heading)}`;
}

/** A staff member's typed message to the patient: their name and role as its heading, then their words (Markdown escaped, lines kept). */
export function agentTextMessage(heading: string, text: string): Partial<Activity> {
  const lines = text.split(/\r?\n/).map((line) => escapeMarkdown(line.trim()));
  return {
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Markdown,
    text: `${agentHeading(heading)}\n\n${lines.join('  \n')}`,
    channelData: { outcome: 'handoff', quotes: [], handoff: 'agent-message' },
  };
}

/** A quote a staff member picked: under their name and role, rendered exactly as the bot renders an answer with that one quote. */
export function agentQuoteMessage(heading: string, result: AnswerResult, quote: Quote, options: RenderAnswerOptions): Partial<Activity> {
  const activity = renderAnswerActivity({ ...result, quotes: [quote], disagreement: undefined, relatedQuestions: [] }, options);
  return withLeadingWording(activity, agentHeading(heading));
}
