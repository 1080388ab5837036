/**
 * Puts the handoff together for the bot runtime: its store in the bot's storage, the flow inside the
 * bot's turns, and the desk staff use (which needs the adapter for proactive messages).
 */
import type { AnswerEngine } from '../../core/answer/answerEngine';
import type { HandoffConfig } from '../../handoff/handoffConfig';
import { HandoffStore } from '../../handoff/handoffStore';
import type { HandoffWording } from '../../handoff/handoffWording';
import type { BotLogger } from '../botLogger';
import type { BotWording } from '../botWording';
import type { ScreeningSession } from '../dialogs/screeningSession';
import type { RenderAnswerOptions } from '../replies/renderAnswerActivity';
import type { ETagConversationState } from '../storage/eTagBotState';
import type { StateStorage } from '../../infra/storage/stateStorage';
import { HandoffDesk, type ContinueConversation } from './handoffDesk';
import { HandoffFlow } from './handoffFlow';

/** The handoff's settings and wording (from `loadHandoffConfig` and `loadHandoffWording`). */
export interface HandoffSetup {
  config: HandoffConfig;
  wording: HandoffWording;
  /** The clock, ms since the epoch (waiting times, the queue's timeout). Default `Date.now`. */
  now?: () => number;
}

/** What {@link createHandoff} needs from the runtime. */
export interface HandoffDependencies {
  storage: StateStorage;
  conversationState: ETagConversationState;
  engine: AnswerEngine;
  botWording: BotWording;
  screening: ScreeningSession;
  logger: BotLogger;
  maxSuggestedQuestions?: number;
}

/** The assembled handoff: the flow for the bot, and a way to build the desk once the adapter exists. */
export interface HandoffParts {
  store: HandoffStore;
  flow: HandoffFlow;
  desk(continueConversation: ContinueConversation): HandoffDesk;
}

/** Builds the handoff's parts. */
export function createHandoff(setup: HandoffSetup, dependencies: HandoffDependencies): HandoffParts {
  const { engine, botWording, logger } = dependencies;
  const store = new HandoffStore({ storage: dependencies.storage, waitTimeoutMs: setup.config.waitTimeoutMs, now: setup.now });
  const render: RenderAnswerOptions = {
    wording: botWording,
    replies: engine.replies,
    fallbackQuestions: engine.suggestedQuestions(),
    maxSuggestedQuestions: dependencies.maxSuggestedQuestions,
  };
  const flow = new HandoffFlow({
    store,
    wording: setup.wording,
    botWording,
    config: setup.config,
    engine,
    conversationState: dependencies.conversationState,
    screening: dependencies.screening,
    logger,
    render,
  });
  return {
    store,
    flow,
    desk: (continueConversation) => new HandoffDesk({ store, flow, engine, wording: setup.wording, botWording, render, continueConversation, logger }),
  };
}
