/**
 * The bot's handle on the screening: a DialogSet over the conversation state with the ScreeningDialog
 * in it. The bot asks whether a screening is running, starts it (from the welcome's action or a trigger
 * phrase), passes messages on, or asks the current question again after an action it handled itself.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import { createRedFlagDetector, type RedFlagDetector } from '../../core/safety/detectRedFlag';
import { isScreeningTrigger } from '../../core/screening/screeningCommands';
import type { Screening } from '../../core/screening/screeningTypes';
import type { BotLogger } from '../botLogger';
import type { BotWording } from '../botWording';
import { SCREENING_DIALOG_ID, ScreeningDialog } from './screeningDialog';
import { ScreeningStateStore, type CompletedScreening } from './screeningStateStore';

/** The dialog stack's state property (botbuilder's DialogState). */
export const dialogStateProperty = 'spineAssistant.dialogState';

/** Runs the screening dialog for the bot. */
export class ScreeningSession {
  private readonly dialogs: DialogSet;

  constructor(
    conversationState: ConversationState,
    dialog: ScreeningDialog,
    private readonly screening: Screening,
    private readonly store: ScreeningStateStore,
    private readonly detectRedFlag: RedFlagDetector,
  ) {
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>(dialogStateProperty));
    this.dialogs.add(dialog);
  }

  /** Whether a message asks to start the screening (a trigger phrase, and no emergency symptom in it). */
  startsScreening(text: string): boolean {
    return isScreeningTrigger(this.screening, text) && !this.detectRedFlag(text);
  }

  /** Whether a screening is running in this conversation. */
  async isRunning(context: TurnContext): Promise<boolean> {
    const dc = await this.dialogs.createContext(context);
    return dc.activeDialog !== undefined;
  }

  /** Starts the screening (from the first question, whatever ran before). */
  async start(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(SCREENING_DIALOG_ID);
  }

  /** Passes the message to the running screening. */
  async continue(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.continueDialog();
  }

  /** Asks the current question again (after the bot answered an action or feedback itself). */
  async askAgain(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.repromptDialog();
  }

  /** The conversation's last completed screening (with its FHIR QuestionnaireResponse), for staff handoff. */
  async completed(context: TurnContext): Promise<CompletedScreening | undefined> {
    return this.store.completed(context);
  }
}

/** What {@link createScreeningSession} needs. */
export interface ScreeningSessionOptions {
  /** The conversation state the bot saves at the end of each turn (dialog stack and progress live in it). */
  conversationState: ConversationState;
  /** The loaded screening definition. */
  screening: Screening;
  /** The answer engine (free-form questions, red-flag rules). */
  engine: AnswerEngine;
  /** The bot's wording. */
  wording: BotWording;
  /** Logger (ids and outcomes only). */
  logger: BotLogger;
  /** The clock. Default: the system clock. */
  now?: () => Date;
  /** Most question suggestions on a free-form answer. Default: 3. */
  maxSuggestedQuestions?: number;
}

/** Builds the screening's state store, dialog and session. */
export function createScreeningSession(options: ScreeningSessionOptions): ScreeningSession {
  const store = new ScreeningStateStore(options.conversationState);
  const dialog = new ScreeningDialog({
    screening: options.screening,
    engine: options.engine,
    wording: options.wording,
    state: store,
    logger: options.logger,
    now: options.now,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
  });
  return new ScreeningSession(options.conversationState, dialog, options.screening, store, createRedFlagDetector(options.engine.knowledge.redFlags));
}
