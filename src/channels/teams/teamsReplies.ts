/**
 * Every reply the bot sends in Teams, reshaped for Teams from the channel-neutral reply contract
 * (DESIGN.md §3) — the bot itself never renders differently per channel. A reply with quotes is
 * rendered again from the typed content it was rendered from (replyContent.ts), never by reading its
 * Markdown back; a reply of plain wording keeps its text (with Teams' line breaks):
 * - Markdown that Teams renders (teamsMarkdown.ts), the citations in Teams' format (teamsCitations.ts),
 *   suggested actions as one Adaptive Card of `Action.Submit` buttons (teamsCards.ts);
 * - for staff who asked for it, an answer as plain text to paste (teamsPaste.ts);
 * - under Teams' size limit: whole quotes are dropped, the last first, with a note saying how many
 *   (quoteTrimming.ts).
 * `channelData` (outcome, quotes shown) stays machine-readable; it lists only the quotes kept.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type Attachment, type Entity } from 'botbuilder';
import { replyContentOf } from '../../bot/replies/replyContent';
import type { KnowledgeDocument } from '../../core/content/loadKnowledge';
import { fitByDroppingQuotes, type FittedReply } from './quoteTrimming';
import { buttonsCard } from './teamsCards';
import { citationEntitySchema, toTeamsCitationEntity } from './teamsCitations';
import { teamsContentMarkdown, teamsMarkdown } from './teamsMarkdown';
import { isQuotedAnswer, pasteActivity } from './teamsPaste';
import { askedQuestionOf } from './teamsReplyData';
import type { TeamsWording } from './teamsWording';

/** Bytes kept free for what the channel service adds to a reply (ids, sender, conversation, serviceUrl). */
export const envelopeReserveBytes = 1024;

/** What {@link renderTeamsReply} works with. */
export interface TeamsReplyOptions {
  /** The knowledge documents by id (quotes are read from them, sources named after them). */
  documents: ReadonlyMap<string, KnowledgeDocument>;
  wording: TeamsWording;
  /** Teams' size limit in bytes of the payload as UTF-16, envelope included. */
  maxMessageBytes: number;
}

/** The note under a reply that left `dropped` quotes out. */
export function trimmedNote(wording: TeamsWording, dropped: number): string | undefined {
  return dropped > 0 ? wording.trimmed.split('{count}').join(String(dropped)) : undefined;
}

/** A contract reply in Teams' shape (see the module comment); `note` goes at the end of its text. */
export function teamsActivity(activity: Partial<Activity>, options: TeamsReplyOptions, note?: string): Partial<Activity> {
  const { suggestedActions, ...rest } = activity;
  const content = replyContentOf(activity);
  // With content, the contract's citation entity is replaced by Teams' own for the quotes kept.
  const entities: Entity[] = content ? (activity.entities ?? []).filter((entity) => !citationEntitySchema.safeParse(entity).success) : [...(activity.entities ?? [])];
  if (content && content.quotes.length > 0) {
    entities.push(toTeamsCitationEntity(content.quotes, options.documents, options.wording.paste.reviewedLabel));
  }
  const card = buttonsCard(suggestedActions?.actions ?? [], askedQuestionOf(activity));
  const attachments: Attachment[] = [...(activity.attachments ?? []), ...(card ? [card] : [])];
  const markdown = activity.textFormat !== TextFormatTypes.Plain && activity.textFormat !== TextFormatTypes.Xml;
  const body = activity.text === undefined || !markdown ? activity.text : content ? teamsContentMarkdown(content) : teamsMarkdown(activity.text);
  const closing = note === undefined ? undefined : markdown ? `_${note}_` : note;
  const text = [body, closing].filter((part): part is string => part !== undefined && part !== '').join('\n\n');
  return {
    ...rest,
    ...(text !== '' ? { text } : {}),
    ...(entities.length > 0 ? { entities } : { entities: undefined }),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/**
 * Renders one outgoing activity for Teams; `paste` renders answers as plain text to paste. Activities
 * other than messages pass unchanged.
 */
export function renderTeamsReply(activity: Partial<Activity>, options: TeamsReplyOptions, paste: boolean): FittedReply {
  if (activity.type !== ActivityTypes.Message) return { activity, dropped: 0, fits: true };
  const asPaste = paste && isQuotedAnswer(activity);
  const render = (kept: Partial<Activity>, dropped: number): Partial<Activity> => {
    const note = trimmedNote(options.wording, dropped);
    return asPaste ? pasteActivity(kept, options.documents, options.wording, note) : teamsActivity(kept, options, note);
  };
  return fitByDroppingQuotes(activity, render, Math.max(0, options.maxMessageBytes - envelopeReserveBytes));
}
