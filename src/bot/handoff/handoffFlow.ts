/**
 * The handoff inside the bot's turns: starts a handoff (the welcome's "Talk to a person", a phrase such
 * as "can I talk to someone"), offers one after no-answers in a row and after an emergency, keeps the
 * bot quiet while a person has the conversation — red-flag rules still run on every message — and
 * gives the conversation back on a `handoff.status` event (`completed`, `failed`; `accepted` marks it
 * taken by a contact center). What it remembers between turns lives in the conversation state.
 */
import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import { z } from 'zod';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import type { AnswerResult } from '../../core/answer/answerTypes';
import type { HandoffConfig } from '../../handoff/handoffConfig';
import { handoffEmergencySchema, handoffIdFor, isOpen, recentExchangeSchema, type StoredReference, type HandoffRecord, type RecentExchange } from '../../handoff/handoffRecord';
import type { HandoffStore } from '../../handoff/handoffStore';
import { compileHandoffPhrases, fillHandoffText, handoffReasons, type HandoffPhrases, type HandoffReason, type HandoffWording } from '../../handoff/handoffWording';
import type { BotLogger } from '../botLogger';
import type { BotWording } from '../botWording';
import { hashConversationId } from '../conversationHash';
import type { ScreeningSession } from '../dialogs/screeningSession';
import type { RenderAnswerOptions } from '../replies/renderAnswerActivity';
import type { ETagConversationState } from '../storage/eTagBotState';
import { renderAnswerActivity } from '../replies/renderAnswerActivity';
import { toQuoteRefs } from '../replies/replyOutcome';
import { handoffEndedMessage, handoffInitiateEvent, handoffMessage, handoffOffer, handoffStartedMessage, type HandoffContext } from './handoffActivities';

/** The conversation state property of the handoff. */
export const handoffMemoryProperty = 'spineAssistant.handoff';

/** The `handoff.status` event's name (botbuilder's HandoffEventNames.HandoffStatus). */
export const handoffStatusEventName = 'handoff.status';

const memorySchema = z.object({
  noAnswersInRow: z.number().int().min(0).default(0),
  recent: z.array(recentExchangeSchema).default([]),
  /** The offer the last reply made, if any: accepting it makes that the handoff's reason. */
  offered: z.enum(handoffReasons).optional(),
  /** When the last question was answered (ISO 8601), to tell a handoff asked for from a screening summary. */
  lastExchangeAt: z.string().optional(),
  /** The latest red-flag symptom the patient described (the rule's label), for the handoff's record. */
  emergency: handoffEmergencySchema.optional(),
});
type HandoffMemory = z.infer<typeof memorySchema>;

const statusValueSchema = z.object({ state: z.enum(['accepted', 'failed', 'completed']), message: z.string().max(2000).optional() });

/** Options of {@link HandoffFlow}. */
export interface HandoffFlowOptions {
  store: HandoffStore;
  wording: HandoffWording;
  botWording: BotWording;
  config: Pick<HandoffConfig, 'signal' | 'offerAfterNoAnswers'>;
  engine: AnswerEngine;
  /** The conversation's state; a new handoff is stored together with it (see `saveChangesWith`). */
  conversationState: ETagConversationState;
  screening: ScreeningSession;
  logger: BotLogger;
  /** How answers are rendered (the same options the bot uses). */
  render: RenderAnswerOptions;
  /** Most recent questions kept for staff. Default 5. */
  maxRecent?: number;
}

/** The handoff's part of the bot's turns. */
export class HandoffFlow {
  private readonly accessor: StatePropertyAccessor<unknown>;
  private readonly phrases: HandoffPhrases;

  constructor(private readonly options: HandoffFlowOptions) {
    this.accessor = options.conversationState.createProperty<unknown>(handoffMemoryProperty);
    this.phrases = compileHandoffPhrases(options.wording);
  }

  /** Whether a message asks for a person (and describes no emergency: that gets the instruction first). */
  asksForPerson(text: string): boolean {
    return this.phrases.asksForPerson(text) && this.options.engine.detectEmergency(text) === null;
  }

  /**
   * Handles a message while a person has (or is about to have) the conversation: records it for staff,
   * answers an emergency with the instruction, lets the patient cancel a wait. True when the message was
   * handled here (the bot must not answer it); false when no handoff is open.
   */
  async intercept(context: TurnContext, text: string): Promise<boolean> {
    const id = this.idOf(context);
    if (!id) return false;
    const record = await this.options.store.get(id);
    if (!record || !isOpen(record)) return false;
    const { store } = this.options;
    if (record.status === 'waiting' && this.phrases.cancelsWait(text)) {
      await store.end(id, 'cancelled', { from: 'patient', text, at: store.now() });
      await context.sendActivity(handoffEndedMessage(this.fill(this.options.wording.replies.cancelled), this.options.botWording));
      this.log(context, 'handoff.cancelled');
      return true;
    }
    await store.append(id, [{ from: 'patient', text, at: store.now() }]);
    const result = this.options.engine.answer(text);
    if (result.outcome === 'emergency') {
      const reply = renderAnswerActivity(result, this.options.render);
      await context.sendActivity(reply);
      await store.append(id, [{ from: 'bot', text: reply.text ?? '', at: store.now(), outcome: 'emergency' }]);
      // Staff see it: the conversation goes first in the queue with the emergency as its reason.
      const emergency = { label: result.emergency?.label ?? '', at: store.now() };
      await store.update(id, (current) => (current && isOpen(current) ? { ...current, reason: 'emergency', emergency } : undefined));
      this.log(context, 'handoff.emergency', { emergencyRuleId: result.emergency?.ruleId });
    } else if (record.status === 'waiting' && this.phrases.asksForPerson(text)) {
      await context.sendActivity(handoffMessage(this.fill(this.options.wording.replies.alreadyWaiting), 'waiting'));
    }
    this.log(context, 'handoff.relayed', { status: record.status });
    return true;
  }

  /** Starts a handoff: stores it in the queue, tells the patient, and sends the `handoff.initiate` event. */
  async start(context: TurnContext, question?: string): Promise<void> {
    const id = this.idOf(context);
    if (!id) return;
    const { store, wording } = this.options;
    const memory = await this.memory(context);
    const completed = await this.options.screening.completed(context);
    const afterScreening = completed !== undefined && (memory.lastExchangeAt === undefined || memory.lastExchangeAt < completed.completedAt);
    // An emergency the patient described in this conversation is the reason staff must see first.
    const reason: HandoffReason = memory.emergency ? 'emergency' : (memory.offered ?? (afterScreening ? 'screening' : 'patient-request'));
    const recent = question ? [...memory.recent, { question, outcome: 'handoff', quotes: [] }] : memory.recent;
    const now = store.now();
    const screening = completed ? { outcome: completed.outcome, completedAt: completed.completedAt, questionnaireResponse: completed.questionnaireResponse } : undefined;
    const existing = await store.get(id);
    if (isOpen(existing)) {
      await context.sendActivity(handoffMessage(this.fill(wording.replies.alreadyWaiting), 'waiting'));
      return;
    }
    const record: HandoffRecord = {
      id,
      status: 'waiting',
      reason,
      channelId: context.activity.channelId,
      requestedAt: now,
      lastPatientAt: now,
      reference: storedReference(context),
      ...(memory.emergency ? { emergency: memory.emergency } : {}),
      ...(screening ? { screening } : {}),
      recent,
      transcript: [...(existing?.transcript ?? []), ...(question ? [{ from: 'patient' as const, text: question, at: now }] : [])],
    };
    // Stored with the conversation's state in one write: if "forget me" deleted that state meanwhile (on
    // this instance or another), nothing is stored and the turn runs again on what is left.
    await this.setMemory(context, { ...memory, offered: undefined, noAnswersInRow: 0, emergency: undefined });
    await store.open(record, (items) => this.options.conversationState.saveChangesWith(context, items));
    const handoffContext: HandoffContext = { handoffId: id, reason, reasonText: wording.reasons[reason], screening, recentQuestions: recent };
    await context.sendActivity(handoffStartedMessage(this.fill(wording.replies.started), this.options.config.signal, handoffContext));
    await context.sendActivity(handoffInitiateEvent(context, handoffContext));
    this.log(context, 'handoff.started', { reason, screening: screening?.outcome });
  }

  /** After the bot answered a question: remembers it for staff and offers a person when it should. */
  async afterAnswer(context: TurnContext, question: string, result: AnswerResult): Promise<void> {
    const memory = await this.memory(context);
    const maxRecent = this.options.maxRecent ?? 5;
    const exchange: RecentExchange = { question, outcome: result.outcome, quotes: toQuoteRefs(result.outcome === 'answer' ? result.quotes : []) };
    const next: HandoffMemory = {
      ...memory,
      recent: [...memory.recent, exchange].slice(-maxRecent),
      offered: undefined,
      lastExchangeAt: new Date(this.options.store.now()).toISOString(),
    };
    const { offers } = this.options.wording;
    if (result.outcome === 'no-answer') {
      next.noAnswersInRow = memory.noAnswersInRow + 1;
      const limit = this.options.config.offerAfterNoAnswers;
      if (limit > 0 && next.noAnswersInRow >= limit) {
        await context.sendActivity(handoffOffer(this.fill(offers.noAnswers), this.options.botWording));
        next.offered = 'no-answers';
        next.noAnswersInRow = 0;
      }
    } else if (result.outcome === 'emergency') {
      await context.sendActivity(handoffOffer(this.fill(offers.emergency), this.options.botWording));
      next.offered = 'emergency';
      next.emergency = { label: result.emergency?.label ?? '', at: this.options.store.now() };
    } else if (result.outcome === 'answer') {
      next.noAnswersInRow = 0;
    }
    await this.setMemory(context, next);
  }

  /** A `handoff.status` event from the channel or a contact center. True when it was one. */
  async onEvent(context: TurnContext): Promise<boolean> {
    if (context.activity.name !== handoffStatusEventName) return false;
    const id = this.idOf(context);
    const status = statusValueSchema.safeParse(context.activity.value);
    if (!id || !status.success) return true;
    const { store, wording, botWording } = this.options;
    if (status.data.state === 'accepted') {
      await store.update(id, (record) =>
        record?.status === 'waiting' ? { ...record, status: 'active', agent: { name: 'contact center', session: 'external', takenAt: store.now() } } : undefined,
      );
    } else {
      const reason = status.data.state === 'completed' ? 'completed' : 'failed';
      const ended = await store.end(id, reason);
      if (ended) {
        const text = reason === 'completed' ? wording.replies.handedBack : wording.replies.failed;
        await context.sendActivity(handoffEndedMessage(this.fill(text), botWording));
      }
    }
    this.log(context, 'handoff.status', { state: status.data.state });
    return true;
  }

  /** Fills the clinic's name and phone (and an agent's name) into a wording text. */
  fill(template: string, agentName?: string): string {
    const { clinic } = this.options.botWording;
    return fillHandoffText(template, { agentName, clinicName: clinic.name, clinicPhone: clinic.phone });
  }

  private idOf(context: TurnContext): string | undefined {
    const conversationId = context.activity.conversation?.id;
    return conversationId && context.activity.channelId ? handoffIdFor(context.activity.channelId, conversationId) : undefined;
  }

  private async memory(context: TurnContext): Promise<HandoffMemory> {
    const parsed = memorySchema.safeParse(await this.accessor.get(context, {}));
    return parsed.success ? parsed.data : { noAnswersInRow: 0, recent: [] };
  }

  private async setMemory(context: TurnContext, memory: HandoffMemory): Promise<void> {
    await this.accessor.set(context, memory);
  }

  private log(context: TurnContext, event: string, fields: Record<string, string | number | undefined> = {}): void {
    this.options.logger.info(`bot.${event}`, { conversation: hashConversationId(context.activity.conversation?.id), channelId: context.activity.channelId, ...fields });
  }
}

/** The turn's conversation reference, as stored for proactive messages. */
function storedReference(context: TurnContext): StoredReference {
  const reference = TurnContext.getConversationReference(context.activity);
  const { conversation, bot, user } = reference;
  return {
    channelId: reference.channelId ?? context.activity.channelId,
    serviceUrl: reference.serviceUrl ?? context.activity.serviceUrl,
    conversation: { id: conversation?.id ?? '', isGroup: conversation?.isGroup, conversationType: conversation?.conversationType, tenantId: conversation?.tenantId },
    bot: { id: bot?.id ?? '', name: bot?.name },
    ...(user ? { user: { id: user.id, name: user.name } } : {}),
    ...(reference.activityId ? { activityId: reference.activityId } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
  };
}
