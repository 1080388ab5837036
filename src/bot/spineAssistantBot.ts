/**
 * The Spine Assistant bot: welcomes new members, answers questions through the answer engine, runs the
 * candidate check (the screening dialog), handles the welcome's actions and feedback. Builds on
 * TeamsActivityHandler so Teams can be added without a rewrite. Logs outcomes and quote ids only — never
 * message text.
 */
import { ActivityTypes, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { AnswerEngine } from '../core/answer/answerEngine';
import { botActionIds, recognizeRequest, typedText, type BotActionId, type FeedbackRating, type RecognizedRequest } from './botActions';
import type { BotLogger, LogFields } from './botLogger';
import type { BotWording } from './botWording';
import type { ChannelExtension } from './channelExtension';
import { hashConversationId } from './conversationHash';
import type { ConversationMemoryStore } from './conversationMemory';
import type { ScreeningSession } from './dialogs/screeningSession';
import type { FeedbackRecorder } from './feedbackRecorder';
import type { HandoffFlow } from './handoff/handoffFlow';
import { botActionReply, feedbackReply, welcomeActivity } from './replies/botReplies';
import { defaultRenderAnswerOptions, renderAnswerActivity } from './replies/renderAnswerActivity';
import { quoteLogIds, toQuoteRefs, type QuoteRef, type ReplyOutcome } from './replies/replyOutcome';
import { pickQuestions } from './replies/suggestedActions';

/** Options of {@link SpineAssistantBot}. */
export interface SpineAssistantBotOptions {
  /** The answer engine. */
  engine: AnswerEngine;
  /** The bot's wording. */
  wording: BotWording;
  /** Conversation memory (follow-up context). */
  memory: ConversationMemoryStore;
  /** Where feedback is recorded. */
  feedbackRecorder: FeedbackRecorder;
  /** Logger (ids and outcomes only). */
  logger: BotLogger;
  /** The candidate check (screening dialog). */
  screening: ScreeningSession;
  /** Most question suggestions on one reply. Default: 3. */
  maxSuggestedQuestions?: number;
  /** Channels' additions (their welcome rule; their middleware is added by the runtime). Default: none. */
  channelExtensions?: readonly ChannelExtension[];
  /** Handoff to a person (src/bot/handoff). Default: none ("Talk to a person" then gives the clinic's phone). */
  handoff?: HandoffFlow;
}

/** The bot. */
export class SpineAssistantBot extends TeamsActivityHandler {
  private readonly maxSuggestedQuestions: number;
  /** The documents' question headings (fixed for the engine's lifetime), found once rather than every turn. */
  private readonly suggestedQuestions: readonly string[];

  constructor(private readonly options: SpineAssistantBotOptions) {
    super();
    this.maxSuggestedQuestions = options.maxSuggestedQuestions ?? defaultRenderAnswerOptions.maxSuggestedQuestions;
    this.suggestedQuestions = options.engine.suggestedQuestions();
    this.onMembersAdded(async (context, next) => {
      await this.welcomeStep(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.messageStep(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.options.handoff?.onEvent(context);
      await next();
    });
  }

  /**
   * Runs the turn, then saves the conversation's memory. A card button's `{ reply }` value without text
   * becomes the message's text first, so the red-flag check and the screening read it like typed text.
   */
  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) {
      const typed = typedText(activity.text, activity.value);
      if (typed !== undefined) activity.text = typed;
    }
    await super.run(context);
    await this.options.memory.save(context);
  }

  /**
   * Welcomes once per activity: by default when someone other than the bot joins; a channel extension
   * may decide otherwise (Teams: when the bot is installed, and when a person joins a personal chat).
   */
  private async welcomeStep(context: TurnContext): Promise<void> {
    const { activity } = context;
    const botId = activity.recipient?.id;
    const newPeople = (activity.membersAdded ?? []).filter((member) => member.id !== botId);
    const rule = this.options.channelExtensions?.find((extension) => extension.channelId === activity.channelId)?.welcomes;
    if (!(rule ? rule(activity) : newPeople.length > 0)) return;
    await context.sendActivity(welcomeActivity(this.options.wording));
    this.log(context, 'welcome', { members: newPeople.length });
  }

  private async messageStep(context: TurnContext): Promise<void> {
    const { activity } = context;
    const text = removeBotMention(activity);
    const request = recognizeRequest(text, activity.value, this.options.wording);
    // While a person has the conversation the bot stays quiet (red flags still run there).
    const { handoff } = this.options;
    if (handoff && (await handoff.intercept(context, text))) return;
    if (handoff && (request.kind === 'action' ? request.action === botActionIds.talkToPerson : request.kind === 'question' && handoff.asksForPerson(request.text))) {
      return handoff.start(context, request.kind === 'question' ? request.text : undefined);
    }
    if (await this.options.screening.isRunning(context)) return this.screeningStep(context, request);
    switch (request.kind) {
      case 'action':
        return this.actionStep(context, request.action);
      case 'feedback':
        return this.feedbackStep(context, request.rating, request.outcome, request.quotes);
      case 'question':
        if (this.options.screening.startsScreening(request.text)) return this.startScreeningStep(context);
        return this.answerStep(context, request.text);
    }
  }

  /**
   * A message while the screening runs: text goes to the screening (which checks red flags first);
   * the welcome's actions and feedback are handled as usual, then the current question is asked again.
   */
  private async screeningStep(context: TurnContext, request: RecognizedRequest): Promise<void> {
    const { screening } = this.options;
    switch (request.kind) {
      case 'question': {
        const emergency = await screening.continue(context);
        // The same care as outside the screening: after the instruction, the offer of a person.
        if (emergency) await this.options.handoff?.afterAnswer(context, request.text, emergency);
        return;
      }
      case 'action':
        if (request.action !== botActionIds.startScreening) await this.actionStep(context, request.action);
        return screening.askAgain(context);
      case 'feedback':
        await this.feedbackStep(context, request.rating, request.outcome, request.quotes);
        return screening.askAgain(context);
    }
  }

  private async startScreeningStep(context: TurnContext): Promise<void> {
    await this.options.screening.start(context);
    this.log(context, 'action', { action: botActionIds.startScreening });
  }

  private async answerStep(context: TurnContext, question: string): Promise<void> {
    const memory = await this.options.memory.get(context);
    const result = this.options.engine.answer(question, memory.answerContext);
    const quotes = toQuoteRefs(result.outcome === 'answer' ? result.quotes : []);
    await context.sendActivity(
      renderAnswerActivity(result, {
        wording: this.options.wording,
        replies: this.options.engine.replies,
        fallbackQuestions: this.suggestedQuestions,
        maxSuggestedQuestions: this.maxSuggestedQuestions,
      }),
    );
    await this.options.memory.set(context, {
      answerContext: result.nextContext,
      lastReply: { outcome: result.outcome, quotes },
    });
    this.log(context, 'answer', {
      outcome: result.outcome,
      quoteIds: quoteLogIds(quotes),
      questionType: result.questionType,
      confidence: Math.round(result.confidence * 1000) / 1000,
      usedContext: result.usedContext,
      noAnswerReason: result.noAnswerReason,
      emergencyRuleId: result.emergency?.ruleId,
      smalltalkIntent: result.smalltalk?.intent,
    });
    await this.options.handoff?.afterAnswer(context, question, result);
  }

  private async actionStep(context: TurnContext, action: BotActionId): Promise<void> {
    if (action === botActionIds.startScreening) return this.startScreeningStep(context);
    const questions = pickQuestions(this.suggestedQuestions, this.maxSuggestedQuestions);
    await context.sendActivity(botActionReply(action, this.options.wording, questions));
    this.log(context, 'action', { action });
  }

  private async feedbackStep(
    context: TurnContext,
    rating: FeedbackRating,
    outcome: ReplyOutcome | undefined,
    quotes: QuoteRef[] | undefined,
  ): Promise<void> {
    const lastReply = (await this.options.memory.get(context)).lastReply;
    const record = {
      rating,
      outcome: outcome ?? lastReply?.outcome,
      quotes: quotes ?? lastReply?.quotes ?? [],
      conversation: hashConversationId(context.activity.conversation?.id),
      channelId: context.activity.channelId ?? 'unknown',
      recordedAt: new Date().toISOString(),
    };
    await this.options.feedbackRecorder.record(record);
    this.log(context, 'feedback', { rating, outcome: record.outcome, quoteIds: quoteLogIds(record.quotes) });
    await context.sendActivity(feedbackReply(rating, this.options.wording));
  }

  private log(context: TurnContext, event: string, fields: LogFields = {}): void {
    this.options.logger.info(`bot.${event}`, {
      conversation: hashConversationId(context.activity.conversation?.id),
      channelId: context.activity.channelId,
      ...fields,
    });
  }
}

const wellFormedMentionSchema = z.object({ type: z.literal('mention'), text: z.string(), mentioned: z.object({ id: z.string() }).loose() }).loose();

/**
 * Removes the bot's @mention from the message text (botbuilder's `removeRecipientMention`), looking
 * only at well-formed mention entities — botbuilder's helper throws on one without `mentioned` — and
 * stores the result as the activity's text, as the helper does.
 */
function removeBotMention(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  if (!activity.recipient) return activity.text;
  const entities = (activity.entities ?? []).filter((entity) => wellFormedMentionSchema.safeParse(entity).success);
  activity.text = TurnContext.removeRecipientMention({ ...activity, entities }) ?? activity.text;
  return activity.text;
}
