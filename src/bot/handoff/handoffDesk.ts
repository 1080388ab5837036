/**
 * What staff do with handed-off conversations, for the agent console: the queue, a conversation's
 * transcript with suggested quotes beside each patient message (the same answer engine), taking one,
 * writing to the patient, sending a suggested quote exactly as the bot would, and handing back or
 * closing. Messages reach the patient through the bot's proactive messaging (the stored
 * ConversationReference). A patient who is gone (the channel refuses the message) ends the handoff.
 */
import type { ConversationReference, TurnContext, Activity } from 'botbuilder';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import type { HandoffRecord, StoredReference } from '../../handoff/handoffRecord';
import type { HandoffStore } from '../../handoff/handoffStore';
import type { HandoffWording } from '../../handoff/handoffWording';
import type { BotLogger } from '../botLogger';
import { describeError } from '../botLogger';
import type { BotWording } from '../botWording';
import type { RenderAnswerOptions } from '../replies/renderAnswerActivity';
import { toQuoteRefs } from '../replies/replyOutcome';
import { agentQuoteMessage, agentTextMessage, handoffEndedMessage, handoffMessage } from './handoffActivities';
import type { HandoffFlow } from './handoffFlow';

/** Sends from outside a turn: botbuilder's `continueConversationAsync` with the bot's app id. */
export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** A staff member as the console knows them. */
export interface DeskAgent {
  /** Display name given at sign-in. */
  name: string;
  /** Hash of their console session (the take belongs to it). */
  session: string;
}

/** A quote suggested to staff, or one sent: where it is in its document, the title, and the verbatim text (list lines kept). */
export interface SuggestedQuote {
  documentId: string;
  start: number;
  end: number;
  title: string;
  text: string;
}

/** One transcript line as the console shows it. */
export interface DeskLine {
  index: number;
  from: 'patient' | 'agent' | 'bot';
  /** What was written; empty for a quote an agent sent (its `quotes` say what it showed). */
  text: string;
  at: number;
  outcome?: string;
  /** The quotes the line showed the patient, read from their documents (for the console to lay out, not Markdown). */
  quotes?: SuggestedQuote[];
  /** For the patient's lines: the best quotes for it. */
  suggestions?: SuggestedQuote[];
  /** For the patient's lines whose best quotes are the sides of a known disagreement: the lead-in saying the documents differ. */
  disagreement?: string;
}

/** What a desk action answers: ok, or why not as an HTTP status. */
export type DeskResult = { ok: true } | { ok: false; status: 404 | 409 | 410; reason: string };

/** Options of {@link HandoffDesk}. */
export interface HandoffDeskOptions {
  store: HandoffStore;
  flow: HandoffFlow;
  engine: AnswerEngine;
  wording: HandoffWording;
  botWording: BotWording;
  render: RenderAnswerOptions;
  continueConversation: ContinueConversation;
  logger: BotLogger;
}

/** Staff's side of handoffs. */
export class HandoffDesk {
  constructor(private readonly options: HandoffDeskOptions) {}

  /** Open handoffs, oldest first (abandoned waits are dropped). */
  list(): Promise<HandoffRecord[]> {
    return this.options.store.list();
  }

  /** A handoff with its transcript and suggestions; undefined when unknown. */
  async view(id: string): Promise<{ record: HandoffRecord; lines: DeskLine[] } | undefined> {
    const record = await this.options.store.get(id);
    if (!record) return undefined;
    const lines = record.transcript.map((entry, index): DeskLine => ({
      index,
      from: entry.from,
      // A line that showed quotes is laid out from them; its stored text (Markdown, in older records) is not shown.
      text: entry.quotes && entry.quotes.length > 0 ? '' : entry.text,
      at: entry.at,
      ...(entry.outcome ? { outcome: entry.outcome } : {}),
      ...(entry.quotes && entry.quotes.length > 0 ? { quotes: this.quoted(entry.quotes) } : {}),
      ...(entry.from === 'patient' ? this.suggest(entry.text) : {}),
    }));
    return { record, lines };
  }

  /** Takes a waiting conversation and tells the patient who joined. */
  async take(id: string, agent: DeskAgent): Promise<DeskResult> {
    const taken = await this.options.store.take(id, agent);
    if (!taken.ok) return { ok: false, status: taken.reason === 'not-found' ? 404 : 409, reason: taken.reason };
    return this.send(taken.record, handoffMessage(this.options.flow.fill(this.options.wording.replies.agentJoined, agent.name), 'agent-joined'), {
      from: 'bot',
      text: this.options.flow.fill(this.options.wording.replies.agentJoined, agent.name),
    });
  }

  /** Sends the agent's own words to the patient. */
  async sendText(id: string, agent: DeskAgent, text: string): Promise<DeskResult> {
    const record = await this.owned(id, agent);
    if ('ok' in record) return record;
    return this.send(record, agentTextMessage(this.heading(agent), text), { from: 'agent', text });
  }

  /** Sends a quote suggested for one of the patient's messages, rendered as the bot renders answers. */
  async sendQuote(id: string, agent: DeskAgent, pick: { line: number; documentId: string; start: number; end: number }): Promise<DeskResult> {
    const record = await this.owned(id, agent);
    if ('ok' in record) return record;
    const entry = record.transcript[pick.line];
    if (!entry || entry.from !== 'patient') return { ok: false, status: 404, reason: 'no-such-message' };
    const result = this.options.engine.answer(entry.text);
    const quote = result.quotes.find((candidate) => candidate.documentId === pick.documentId && candidate.start === pick.start && candidate.end === pick.end);
    if (result.outcome !== 'answer' || !quote) return { ok: false, status: 404, reason: 'no-such-quote' };
    const activity = agentQuoteMessage(this.heading(agent), result, quote, this.options.render);
    return this.send(record, activity, { from: 'agent', text: '', quotes: toQuoteRefs([quote]), outcome: 'answer' });
  }

  /** Hands the conversation back to the bot, or closes it; the patient is told either way. */
  async end(id: string, agent: DeskAgent, mode: 'hand-back' | 'close'): Promise<DeskResult> {
    const record = await this.owned(id, agent);
    if ('ok' in record) return record;
    const { replies } = this.options.wording;
    const text = this.options.flow.fill(mode === 'hand-back' ? replies.handedBack : replies.closed);
    const ended = await this.options.store.end(id, mode === 'hand-back' ? 'handed-back' : 'closed', { from: 'bot', text, at: this.options.store.now(), outcome: 'handoff' });
    if (!ended) return { ok: false, status: 409, reason: 'ended' };
    try {
      await this.deliver(record.reference, handoffEndedMessage(text, this.options.botWording));
    } catch (error) {
      this.options.logger.warn('handoff.patientGone', { handoff: id, ...describeError(error) });
    }
    this.options.logger.info('handoff.ended', { handoff: id, mode });
    return { ok: true };
  }

  /** The agent's name and role, the heading of what they send. */
  private heading(agent: DeskAgent): string {
    return this.options.flow.fill(this.options.wording.replies.agentPrefix, agent.name);
  }

  /** The best quotes for a patient's message and, when they are the sides of a known disagreement, the lead-in saying so. */
  private suggest(text: string): Pick<DeskLine, 'suggestions' | 'disagreement'> {
    const result = this.options.engine.answer(text);
    if (result.outcome !== 'answer') return { suggestions: [] };
    const suggestions = result.quotes.map(({ documentId, start, end, title, text: quoteText }) => ({ documentId, start, end, title, text: quoteText }));
    if (!result.disagreement) return { suggestions };
    return { suggestions, disagreement: this.options.engine.replies.disagreementLeadIn.split('{topic}').join(result.disagreement.topic) };
  }

  /** Quotes a line showed, read from their documents at the stored offsets (verbatim). */
  private quoted(refs: ReadonlyArray<{ documentId: string; start: number; end: number }>): SuggestedQuote[] {
    return refs.flatMap(({ documentId, start, end }) => {
      const document = this.options.engine.knowledge.documents.find((candidate) => candidate.id === documentId);
      return document ? [{ documentId, start, end, title: document.title, text: document.text.slice(start, end) }] : [];
    });
  }

  private async owned(id: string, agent: DeskAgent): Promise<HandoffRecord | Extract<DeskResult, { ok: false }>> {
    const record = await this.options.store.get(id);
    if (!record) return { ok: false, status: 404, reason: 'not-found' };
    if (record.status === 'ended') return { ok: false, status: 410, reason: 'ended' };
    if (record.status !== 'active' || record.agent?.session !== agent.session) return { ok: false, status: 409, reason: 'not-yours' };
    return record;
  }

  /** Delivers to the patient and records the line; a refused delivery means the patient is gone. */
  private async send(record: HandoffRecord, activity: Partial<Activity>, line: { from: 'agent' | 'bot'; text: string; quotes?: ReturnType<typeof toQuoteRefs>; outcome?: string }): Promise<DeskResult> {
    try {
      await this.deliver(record.reference, activity);
    } catch (error) {
      this.options.logger.warn('handoff.patientGone', { handoff: record.id, ...describeError(error) });
      await this.options.store.end(record.id, 'abandoned');
      return { ok: false, status: 410, reason: 'patient-gone' };
    }
    await this.options.store.append(record.id, [{ ...line, at: this.options.store.now() }]);
    return { ok: true };
  }

  /** Sends to the patient; throws when the channel refused (the adapter's turn-error handler must not swallow it). */
  private async deliver(reference: StoredReference, activity: Partial<Activity>): Promise<void> {
    const { conversation, bot, user } = reference;
    let failure: unknown;
    await this.options.continueConversation(
      {
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        conversation: { id: conversation.id, name: '', isGroup: conversation.isGroup ?? false, conversationType: conversation.conversationType ?? '', ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}) },
        bot: { id: bot.id, name: bot.name ?? '' },
        ...(user ? { user: { id: user.id, name: user.name ?? '' } } : {}),
        ...(reference.locale ? { locale: reference.locale } : {}),
      },
      async (context) => {
        try {
          await context.sendActivity(activity);
        } catch (error) {
          failure = error ?? new Error('handoffDesk: delivery failed');
        }
      },
    );
    if (failure !== undefined) throw failure;
  }
}
