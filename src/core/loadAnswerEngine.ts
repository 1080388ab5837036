import { join } from 'node:path';
import { createAnswerEngine, type AnswerEngine } from './answer/answerEngine';
import type { AnswerEngineOptions } from './answer/answerOptions';
import { loadDialogContent } from './content/loadDialogContent';
import { loadKnowledge } from './content/loadKnowledge';

/** The repository's own content folders. */
export const defaultContentLocation = {
  knowledgeDir: join(__dirname, '..', '..', 'knowledge'),
  dialogsDir: join(__dirname, '..', '..', 'dialogs'),
};

/** Where the content lives, and engine tuning. */
export interface ContentLocation {
  /** Folder with documents/, catalog, synonyms and rules. Default: the repository's `knowledge/`. */
  knowledgeDir?: string;
  /** Folder with wording. Default: the repository's `dialogs/`. */
  dialogsDir?: string;
  /** Tuning values; defaults in `defaultAnswerEngineOptions`. */
  options?: Partial<AnswerEngineOptions>;
}

/** Loads and validates the content and builds the index. Throws a ContentError naming the file on bad content. */
export function loadAnswerEngine(location: ContentLocation = {}): AnswerEngine {
  const knowledge = loadKnowledge(location.knowledgeDir ?? defaultContentLocation.knowledgeDir);
  const dialogs = loadDialogContent(location.dialogsDir ?? defaultContentLocation.dialogsDir);
  return createAnswerEngine(knowledge, dialogs, location.options);
}
