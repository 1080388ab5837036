import type { AnswerContext, AnswerResult } from './answerTypes';

/** Answers questions from the knowledge base with verbatim quotes. */
export interface AnswerEngine {
  /** Answers one message. Never throws for any string input. */
  answer(question: string, context?: AnswerContext): AnswerResult;
  /** Question headings of the documents ("How is it done?"), usable as suggested questions. */
  suggestedQuestions(): string[];
}
