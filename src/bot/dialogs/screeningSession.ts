/**
 * The bot's handle on the screening: a DialogSet over the conversation state with the ScreeningDialog
 * in it. The bot asks whether a screening is running, starts it (from the welcome's action or a trigger
 * phrase), passes messages on, or asks the current question again after an action it handled itself.
 *
 * botbuilder-dialogs and the dialog (with botbuilder's recognizers, about half a second to load) are
 * loaded when a screening first needs them, not at start-up: most turns only ask whether one is
 * running, which reads the dialog stack from the conversation state directly.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext, DialogSet, DialogState } from 'botbuilder-dialogs';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import type { AnswerResult } from '../../core/answer/answerTypes';
import type { RedFlagDetector } from '../../core/safety/detectRedFlag';
import { isScreeningTrigger } from '../../core/screening/screeningCommands';
import type { Screening } from '../../core/screening/screeningTypes';
import type { BotLogger } from '../botLogger';
import type { BotWording } from '../botWording';
import type { ScreeningDialog } from './screeningDialog';
import { screeningEmergencyKey } from './screeningEmergency';
import { ScreeningStateStore, type CompletedScreening } from './screeningStateStore';

/** The dialog stack's state property (botbuilder's DialogState). */
export const dialogStateProperty = 'spineAssistant.dialogState';

/** Runs the screening dialog for the bot. */
export class ScreeningSession {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private loaded: Promise<{ dialogs: DialogSet; dialogId: string }> | undefined;

  /** `createDialog` builds the screening dialog; it is called once, when a screening first needs it. */
  constructor(
    conversationState: ConversationState,
    private readonly createDialog: () => Promise<ScreeningDialog>,
    private readonly screening: Screening,
    private readonly store: ScreeningStateStore,
    private readonly detectRedFlag: RedFlagDetector,
  ) {
    this.dialogState = conversationState.createProperty<DialogState>(dialogStateProperty);
  }

  /** Whether a message asks to start the screening (a trigger phrase, and no emergency symptom in it). */
  startsScreening(text: string): boolean {
    return isScreeningTrigger(this.screening, text) && !this.detectRedFlag(text);
  }

  /**
   * Whether a screening is running in this conversation: whether the dialog stack is not empty. Reads
   * and initialises the stack exactly as `DialogSet.createContext` does, without loading the dialogs.
   */
  async isRunning(context: TurnContext): Promise<boolean> {
    const state = await this.dialogState.get(context, { dialogStack: [] });
    if (!Array.isArray(state.dialogStack)) state.dialogStack = [];
    return state.dialogStack.length > 0;
  }

  /** Starts the screening (from the first question, whatever ran before). */
  async start(context: TurnContext): Promise<void> {
    const { dialogs, dialogId } = await this.load();
    const dc = await dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(dialogId);
  }

  /**
   * Passes the message to the running screening. Returns the emergency result when the screening
   * stopped for an emergency (a red flag in the message, or an answer that is one), so that the bot can
   * offer a person as it does outside the screening.
   */
  async continue(context: TurnContext): Promise<AnswerResult | undefined> {
    const dc = await this.dialogContext(context);
    await dc.continueDialog();
    return context.turnState.get(screeningEmergencyKey) as AnswerResult | undefined;
  }

  /** Asks the current question again (after the bot answered an action or feedback itself). */
  async askAgain(context: TurnContext): Promise<void> {
    const dc = await this.dialogContext(context);
    await dc.repromptDialog();
  }

  /** The conversation's last completed screening (with its FHIR QuestionnaireResponse), for staff handoff. */
  async completed(context: TurnContext): Promise<CompletedScreening | undefined> {
    return this.store.completed(context);
  }

  private async dialogContext(context: TurnContext): Promise<DialogContext> {
    const { dialogs } = await this.load();
    return dialogs.createContext(context);
  }

  /** The dialog set with the screening dialog, loaded on first use. */
  private load(): Promise<{ dialogs: DialogSet; dialogId: string }> {
    this.loaded ??= Promise.all([import('botbuilder-dialogs'), this.createDialog()]).then(([{ DialogSet }, dialog]) => ({
      dialogs: new DialogSet(this.dialogState).add(dialog),
      dialogId: dialog.id,
    }));
    return this.loaded;
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
  const createDialog = async (): Promise<ScreeningDialog> => {
    const { ScreeningDialog } = await import('./screeningDialog');
    return new ScreeningDialog({
      screening: options.screening,
      engine: options.engine,
      wording: options.wording,
      state: store,
      logger: options.logger,
      now: options.now,
      maxSuggestedQuestions: options.maxSuggestedQuestions,
    });
  };
  return new ScreeningSession(options.conversationState, createDialog, options.screening, store, options.engine.detectEmergency);
}
