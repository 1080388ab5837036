/**
 * The candidate check as a botbuilder ComponentDialog, built from `dialogs/screening.json`: a question
 * loop (WaterfallDialog: ask → record → … → summary) over one prompt per question. Before a prompt sees
 * a message, {@link ScreeningDialog.onContinueDialog} checks the red-flag rules, the commands (cancel,
 * help, why, back, start over) and free-form questions (answered with quotes, then the question again).
 * All progress is plain JSON in conversation state, so a screening continues after a restart once the
 * storage is durable.
 */
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { AnswerEngine } from '../../core/answer/answerEngine';
import { buildQuestionnaireResponse } from '../../core/screening/questionnaireResponse';
import { emergencyRule, evaluateScreening, findQuestion } from '../../core/screening/screeningFlow';
import { recordAnswer, startProgress } from '../../core/screening/screeningProgress';
import type { Screening } from '../../core/screening/screeningTypes';
import { hashConversationId } from '../conversationHash';
import type { BotLogger, LogFields } from '../botLogger';
import type { BotWording } from '../botWording';
import { defaultRenderAnswerOptions, type RenderAnswerOptions } from '../replies/renderAnswerActivity';
import { ScreeningInterruptions } from './screeningInterruptions';
import { createQuestionPrompt, questionPromptId, questionPromptOptions, understandAnswer } from './screeningPrompts';
import { fillScreeningText } from './screeningReplies';
import type { ScreeningStateStore } from './screeningStateStore';
import { summaryActivity } from './screeningSummary';

/** The screening dialog's id. */
export const SCREENING_DIALOG_ID = 'screeningDialog';

/** The question loop's id (a WaterfallDialog inside the component). */
export const SCREENING_QUESTION_LOOP_ID = 'screeningDialog.questionLoop';

/** Options the question loop is begun with: what to say before the question. */
const questionLoopOptionsSchema = z.object({ leadIn: z.string().optional() });

/** Options of the question loop. */
export type QuestionLoopOptions = z.infer<typeof questionLoopOptionsSchema>;

/** Options of {@link ScreeningDialog}. */
export interface ScreeningDialogOptions {
  /** The loaded screening definition. */
  screening: Screening;
  /** The answer engine: free-form questions, red-flag rules, the emergency instruction. */
  engine: AnswerEngine;
  /** The bot's wording (action titles, answer rendering). */
  wording: BotWording;
  /** Where progress and the completed QuestionnaireResponse are kept. */
  state: ScreeningStateStore;
  /** Logger: ids, commands and outcomes only, never messages or answers. */
  logger: BotLogger;
  /** The clock, for answers that name a date and the response's `authored`. Default: the system clock. */
  now?: () => Date;
  /** Most question suggestions on a free-form answer. Default: 3. */
  maxSuggestedQuestions?: number;
}

/** The candidate check. */
export class ScreeningDialog extends ComponentDialog {
  private readonly screening: Screening;
  private readonly now: () => Date;
  private readonly interruptions: ScreeningInterruptions;

  constructor(private readonly options: ScreeningDialogOptions) {
    super(SCREENING_DIALOG_ID);
    this.screening = options.screening;
    this.now = options.now ?? (() => new Date());
    const renderOptions: RenderAnswerOptions = {
      wording: options.wording,
      replies: options.engine.replies,
      fallbackQuestions: options.engine.suggestedQuestions(),
      maxSuggestedQuestions: options.maxSuggestedQuestions ?? defaultRenderAnswerOptions.maxSuggestedQuestions,
    };
    this.interruptions = new ScreeningInterruptions({
      screening: this.screening,
      engine: options.engine,
      wording: options.wording,
      state: options.state,
      renderOptions,
      now: this.now,
      log: (context, event, fields) => this.log(context, event, fields),
      restartLoop: (dc, leadIn) => this.restartLoop(dc, leadIn),
    });
    for (const question of this.screening.questions) this.addDialog(createQuestionPrompt(this.screening, question, this.now));
    this.addDialog(
      new WaterfallDialog<QuestionLoopOptions>(SCREENING_QUESTION_LOOP_ID, [
        this.askQuestionStep.bind(this),
        this.recordAnswerStep.bind(this),
        this.summaryStep.bind(this),
      ]),
    );
    this.initialDialogId = SCREENING_QUESTION_LOOP_ID;
  }

  /** Starts at the first question, with the intro. */
  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const progress = startProgress(this.screening);
    await this.options.state.setProgress(innerDc.context, progress);
    this.log(innerDc.context, 'started', { version: this.screening.version });
    const intro = fillScreeningText(this.screening.wording.intro, { count: this.screening.questions.length });
    return innerDc.beginDialog(SCREENING_QUESTION_LOOP_ID, { leadIn: intro });
  }

  /** Red flags, commands and free-form questions come before the prompt sees the message. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const handled = await this.interruptions.handle(innerDc);
    return handled ?? super.onContinueDialog(innerDc);
  }

  /** Asks the current question (progress says which). */
  private async askQuestionStep(step: WaterfallStepContext<QuestionLoopOptions>): Promise<DialogTurnResult> {
    const progress = await this.options.state.progress(step.context);
    const question = progress ? findQuestion(this.screening, progress.current) : undefined;
    if (!question) return step.endDialog();
    const { leadIn } = questionLoopOptionsSchema.parse(step.options ?? {});
    return step.prompt(questionPromptId(question.id), questionPromptOptions(this.screening, question, leadIn));
  }

  /** Records the answer, stops for an emergency answer, then asks the next question or goes on to the summary. */
  private async recordAnswerStep(step: WaterfallStepContext<QuestionLoopOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const progress = await this.options.state.progress(context);
    const question = progress ? findQuestion(this.screening, progress.current) : undefined;
    if (!progress || !question) return step.endDialog();
    const options = { vocabulary: this.screening.vocabulary, now: this.now() };
    const answer = understandAnswer(this.screening, question, context.activity.text ?? '', step.result, options) ?? { kind: 'unanswered' as const };
    const recorded = recordAnswer(this.screening, progress, answer);
    this.log(context, 'answered', { questionId: question.id, understood: answer.kind !== 'unanswered' });

    const emergency = emergencyRule(this.screening, recorded.progress.answered);
    if (emergency) {
      await this.interruptions.stopForEmergency(context, { ruleId: emergency.ruleId, label: emergency.reason });
      return step.endDialog();
    }
    await this.options.state.setProgress(context, recorded.progress);
    if (recorded.next.kind === 'question') {
      const leadIn = answer.kind === 'unanswered' ? this.screening.wording.leftOpen : undefined;
      return step.replaceDialog(SCREENING_QUESTION_LOOP_ID, leadIn ? { leadIn } : {});
    }
    return step.next();
  }

  /** The summary; keeps the QuestionnaireResponse in conversation state and ends the screening. */
  private async summaryStep(step: WaterfallStepContext<QuestionLoopOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const progress = await this.options.state.progress(context);
    if (!progress) return step.endDialog();
    const evaluation = evaluateScreening(this.screening, progress.answered);
    await context.sendActivity(summaryActivity({ screening: this.screening, answered: progress.answered, evaluation, wording: this.options.wording }));
    const completedAt = this.now();
    const questionnaireResponse = buildQuestionnaireResponse(this.screening, progress.answered, evaluation, { authored: completedAt, id: randomUUID() });
    await this.options.state.complete(context, { outcome: evaluation.outcome, completedAt: completedAt.toISOString(), questionnaireResponse });
    this.log(context, 'completed', {
      outcome: evaluation.outcome,
      reasons: evaluation.reasons.map((rule) => rule.ruleId),
      notes: evaluation.notes.map((rule) => rule.ruleId),
      answered: progress.answered.length,
    });
    return step.endDialog({ outcome: evaluation.outcome });
  }

  /** Ends the current question and asks the one progress now points to. */
  private async restartLoop(innerDc: DialogContext, leadIn: string | undefined): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(SCREENING_QUESTION_LOOP_ID, leadIn ? { leadIn } : {});
  }

  private log(context: DialogContext['context'], event: string, fields: LogFields = {}): void {
    this.options.logger.info(`bot.screening.${event}`, {
      conversation: hashConversationId(context.activity.conversation?.id),
      channelId: context.activity.channelId,
      ...fields,
    });
  }
}
