import type { AnswerEngine } from './answer/answerEngine';

/** Where the content lives. */
export interface ContentLocation {
  /** Folder with the documents, catalog, synonyms and rules. Default: `<repo>/knowledge`. */
  knowledgeDir?: string;
  /** Folder with wording and dialog definitions. Default: `<repo>/dialogs`. */
  dialogsDir?: string;
}

/** Loads and validates the content and builds the index. Throws a ContentError naming the file on bad content. */
export function loadAnswerEngine(_location: ContentLocation = {}): AnswerEngine {
  throw new Error('loadAnswerEngine: not implemented yet');
}
