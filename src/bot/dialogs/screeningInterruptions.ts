/**
 * What the screening does with a message before the current question's prompt sees it, in this order:
 * 1. red-flag rules (an emergency ends the screening with the emergency instruction alone);
 * 2. progress that no longer fits the definition → start again; a card button of an earlier question →
 *    the current question again;
 * 3. commands: cancel, help, why (the question's quotes), back, start over;
 * 4. an answer the parser understands → the prompt takes it;
 * 5. "am I a candidate?" again → the question again;
 * 6. a free-form question → answered with quotes (or honestly not), then the question again;
 * 7. anything else → the prompt, which re-prompts (and leaves the question open after too many tries).
 */
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import type { AnswerResult, EmergencyMatch } from '../../core/answer/answerTypes';
import { isScreeningTrigger, looksLikeQuestion, recognizeCommand } from '../../core/screening/screeningCommands';
import { findQuestion } from '../../core/screening/screeningFlow';
import { goBack, progressFits, startProgress } from '../../core/screening/screeningProgress';
import type { LoadedQuestion, Screening } from '../../core/screening/screeningTypes';
import { replyValueSchema } from '../botActions';
import type { LogFields } from '../botLogger';
import type { BotWording } from '../botWording';
import { renderAnswerActivity, type RenderAnswerOptions } from '../replies/renderAnswerActivity';
import { screeningEmergencyKey } from './screeningEmergency';
import { understandAnswer } from './screeningPrompts';
import { cancelledActivity, endingScreening, helpActivity, questionActivity, whyActivity } from './screeningReplies';
import type { ScreeningStateStore } from './screeningStateStore';

/** What {@link ScreeningInterruptions} works with. */
export interface ScreeningInterruptionsOptions {
  screening: Screening;
  engine: AnswerEngine;
  wording: BotWording;
  state: ScreeningStateStore;
  /** How free-form answers are rendered (as outside the screening). */
  renderOptions: RenderAnswerOptions;
  now: () => Date;
  /** Logs a `bot.screening.<event>` line. */
  log: (context: TurnContext, event: string, fields?: LogFields) => void;
  /** Ends the current question and asks the one progress points to, with a lead-in. */
  restartLoop: (innerDc: DialogContext, leadIn: string | undefined) => Promise<DialogTurnResult>;
}

/** Handles red flags, commands and free-form questions during the screening. */
export class ScreeningInterruptions {
  constructor(private readonly options: ScreeningInterruptionsOptions) {}

  /** Handles the message if it is not an answer for the prompt; undefined to let the prompt have it. */
  async handle(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== ActivityTypes.Message) return undefined;
    const { screening, state } = this.options;
    const text = context.activity.text ?? '';

    const emergency = this.options.engine.detectEmergency(text);
    if (emergency) {
      await this.stopForEmergency(context, emergency);
      return innerDc.cancelAllDialogs();
    }

    const progress = await state.progress(context);
    const question = progress && progressFits(screening, progress) ? findQuestion(screening, progress.current) : undefined;
    if (!progress || !question) {
      await state.setProgress(context, startProgress(screening));
      this.options.log(context, 'restarted');
      return this.options.restartLoop(innerDc, screening.wording.restarted);
    }

    // A button of an earlier question (cards stay clickable in Teams) does not answer this one.
    const button = replyValueSchema.safeParse(context.activity.value);
    if (button.success && button.data.questionId !== undefined && button.data.questionId !== question.id) {
      this.options.log(context, 'staleButton', { questionId: question.id });
      return this.askAgain(context, question, screening.wording.resume);
    }

    const command = recognizeCommand(screening, text);
    if (command) this.options.log(context, 'command', { command, questionId: question.id });
    switch (command) {
      case 'cancel':
        await context.sendActivity(cancelledActivity(screening, this.options.wording));
        await state.setProgress(context, undefined);
        this.options.log(context, 'cancelled', { reason: 'user', questionId: question.id });
        return innerDc.cancelAllDialogs();
      case 'help':
        return this.replyThenAskAgain(context, question, helpActivity(screening, question));
      case 'why':
        return this.replyThenAskAgain(context, question, whyActivity(screening, question));
      case 'back': {
        const previous = goBack(progress);
        if (!previous) return this.askAgain(context, question, screening.wording.atFirstQuestion);
        await state.setProgress(context, previous);
        return this.options.restartLoop(innerDc, undefined);
      }
      case 'startOver':
        await state.setProgress(context, startProgress(screening));
        return this.options.restartLoop(innerDc, screening.wording.startingOver);
      case undefined:
        break;
    }

    const parseOptions = { vocabulary: screening.vocabulary, now: this.options.now() };
    if (understandAnswer(screening, question, text, undefined, parseOptions)) return undefined;
    if (isScreeningTrigger(screening, text)) return this.askAgain(context, question, screening.wording.resume);
    if (looksLikeQuestion(screening, text)) {
      const result = this.options.engine.answer(text);
      this.options.log(context, 'freeFormQuestion', { questionId: question.id, outcome: result.outcome, noAnswerReason: result.noAnswerReason });
      return this.replyThenAskAgain(context, question, renderAnswerActivity(result, this.options.renderOptions));
    }
    return undefined;
  }

  /**
   * Ends the screening for an emergency: the emergency instruction alone (as outside the screening),
   * marked as having cancelled the screening; the progress is dropped.
   */
  async stopForEmergency(context: TurnContext, match: Pick<EmergencyMatch, 'ruleId' | 'label'> & Partial<EmergencyMatch>): Promise<void> {
    const { engine, state, renderOptions } = this.options;
    const emergency: EmergencyMatch = { instruction: engine.emergencyInstruction, ...match };
    const result: AnswerResult = {
      outcome: 'emergency',
      quotes: [],
      questionType: null,
      confidence: 0,
      emergency,
      usedContext: false,
      nextContext: {},
      relatedQuestions: [],
    };
    await context.sendActivity(endingScreening(renderAnswerActivity(result, renderOptions), 'emergency'));
    context.turnState.set(screeningEmergencyKey, result);
    await state.setProgress(context, undefined);
    this.options.log(context, 'cancelled', { reason: 'emergency', emergencyRuleId: match.ruleId });
  }

  private async replyThenAskAgain(context: TurnContext, question: LoadedQuestion, reply: Partial<Activity>): Promise<DialogTurnResult> {
    await context.sendActivity(reply);
    return this.askAgain(context, question, this.options.screening.wording.resume);
  }

  /** Asks the current question again; its prompt keeps waiting (its tries are not counted). */
  private async askAgain(context: TurnContext, question: LoadedQuestion, leadIn: string): Promise<DialogTurnResult> {
    await context.sendActivity(questionActivity(this.options.screening, question, leadIn));
    return Dialog.EndOfTurn;
  }
}
