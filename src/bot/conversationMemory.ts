/**
 * What the bot remembers about a conversation between turns (botbuilder ConversationState): the answer
 * engine's follow-up context and the last reply's quotes, for feedback typed instead of clicked.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { AnswerContext } from '../core/answer/answerTypes';
import type { QuoteRef, ReplyOutcome } from './replies/replyOutcome';

/** The bot's memory of one conversation. */
export interface ConversationMemory {
  /** `nextContext` of the last engine result, passed to the next `answer()`. */
  answerContext?: AnswerContext;
  /** Outcome and quotes of the last engine reply. */
  lastReply?: { outcome: ReplyOutcome; quotes: QuoteRef[] };
}

/** The state property's name. */
export const conversationMemoryProperty = 'spineAssistant.memory';

/** Reads and writes {@link ConversationMemory}; changes are saved by `save` at the end of the turn. */
export class ConversationMemoryStore {
  private readonly accessor: StatePropertyAccessor<ConversationMemory>;

  constructor(private readonly conversationState: ConversationState) {
    this.accessor = conversationState.createProperty<ConversationMemory>(conversationMemoryProperty);
  }

  /** The conversation's memory (empty for a new conversation). */
  async get(context: TurnContext): Promise<ConversationMemory> {
    return this.accessor.get(context, {});
  }

  /** Replaces the conversation's memory. */
  async set(context: TurnContext, memory: ConversationMemory): Promise<void> {
    await this.accessor.set(context, memory);
  }

  /** Writes changes made in this turn to storage. */
  async save(context: TurnContext): Promise<void> {
    await this.conversationState.saveChanges(context, false);
  }

  /** Forgets the conversation (after an error, so a bad state cannot break every later turn). */
  async clear(context: TurnContext): Promise<void> {
    await this.conversationState.delete(context);
  }
}
