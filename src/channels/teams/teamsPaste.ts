/**
 * Staff mode: answers "to paste". A clinic staff member in Teams starts a question with a paste prefix
 * ("paste: how long does kyphoplasty take?") and gets each quote with its source as plain text
 * (`textFormat: plain`, no markers, no buttons), ready to copy into another chat or an e-mail:
 *
 *     "Kyphoplasty takes about an hour for each vertebra."
 *     Source: Kyphoplasty (procedure, benefits, risks, recovery), reviewed 2026-11-22
 *
 * The quotes are the ones the answer was rendered from (its content, replyContent.ts), each read from
 * its document at its offsets, so they are verbatim. Who is staff is configuration (teamsConfig.ts):
 * anyone in the clinic's tenant, or a list of Microsoft Entra object ids. Only answers change;
 * emergency, no-answer and screening replies stay as they are.
 */
import { ActivityTypes, TextFormatTypes, type Activity } from 'botbuilder';
import { replyContentOf } from '../../bot/replies/replyContent';
import type { KnowledgeDocument } from '../../core/content/loadKnowledge';
import { replyDataOf } from './teamsReplyData';
import type { TeamsStaffRule } from './teamsConfig';
import { aadObjectIdOf, tenantIdOf } from './teamsConversation';
import type { TeamsWording } from './teamsWording';

/** `channelData.format` of a reply rendered to paste. */
export const pasteFormat = 'paste';

/** The question after a paste prefix (case-insensitive, at the start), or undefined without one. */
export function readPasteRequest(text: string, prefixes: readonly string[]): string | undefined {
  const trimmed = text.trimStart();
  const prefix = prefixes.find((candidate) => trimmed.toLowerCase().startsWith(candidate.toLowerCase()));
  return prefix === undefined ? undefined : trimmed.slice(prefix.length).trim();
}

/** Whether the sender counts as clinic staff. */
export function isStaff(activity: Partial<Activity>, rule: TeamsStaffRule): boolean {
  switch (rule.kind) {
    case 'none':
      return false;
    case 'tenant':
      return tenantIdOf(activity) === rule.tenantId;
    case 'users': {
      const id = aadObjectIdOf(activity);
      return id !== undefined && rule.aadObjectIds.has(id);
    }
  }
}

/** Whether a reply is an answer with quotes (the only kind rendered to paste). */
export function isQuotedAnswer(activity: Partial<Activity>): boolean {
  return replyDataOf(activity)?.outcome === 'answer' && (replyContentOf(activity)?.quotes.length ?? 0) > 0;
}

/** The source line of a quote: "Source: Title, Publisher, reviewed 2026-11-22 https://…". */
export function sourceLine(document: Pick<KnowledgeDocument, 'title' | 'publisher' | 'reviewed' | 'url'>, wording: TeamsWording): string {
  const parts = [document.title, document.publisher !== 'unknown' ? document.publisher : undefined, `${wording.paste.reviewedLabel} ${document.reviewed}`];
  const line = `${wording.paste.sourceLabel}: ${parts.filter((part): part is string => part !== undefined).join(', ')}`;
  return document.url ? `${line} ${document.url}` : line;
}

/**
 * An answer as plain text to paste: for a disagreement its lead-in (it says the sources differ), then
 * each quote in quotation marks with its source line, and `note` (a trimmed reply's note) at the end.
 */
export function pasteActivity(
  activity: Partial<Activity>,
  documents: ReadonlyMap<string, KnowledgeDocument>,
  wording: TeamsWording,
  note?: string,
): Partial<Activity> {
  const content = replyContentOf(activity);
  const leadIns = replyDataOf(activity)?.disagreementId ? (content?.parts ?? []).flatMap((part) => (part.kind === 'lead-in' ? [part.markdown] : [])) : [];
  const blocks = (content?.quotes ?? []).map((quote) => {
    const document = documents.get(quote.documentId);
    return document
      ? `“${document.text.slice(quote.start, quote.end)}”\n${sourceLine(document, wording)}`
      : `“${quote.text}”\n${wording.paste.sourceLabel}: ${quote.title}`;
  });
  // Everything but the content stays (conversation, recipient, replyToId, …).
  const { text: _text, entities: _entities, suggestedActions: _actions, attachments: _attachments, channelData, ...envelope } = activity;
  return {
    ...envelope,
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Plain,
    text: [...leadIns, ...blocks, ...(note ? [note] : [])].join('\n\n'),
    channelData: { ...(typeof channelData === 'object' && channelData !== null ? channelData : {}), format: pasteFormat },
  };
}
