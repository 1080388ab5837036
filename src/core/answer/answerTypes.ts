/**
 * The answer engine's public result types. Plain data, no framework types: the bot, the CLI, the
 * evaluation and staff tools all read these.
 */
import type { EmergencyMatch } from '../safety/redFlagTypes';

export type { EmergencyMatch };

/** What kind of reply a question gets. */
export type AnswerOutcome = 'answer' | 'no-answer' | 'emergency' | 'smalltalk';

/**
 * A verbatim passage of a knowledge document. Invariant: `text === original.slice(start, end)` where
 * `original` is the document file as stored in `knowledge/`. Quotes are whole sentences or whole list
 * blocks, never cut mid-word and never stitched across documents.
 */
export interface Quote {
  /** Catalog id of the document (its file name without extension). */
  documentId: string;
  /** Document title from the catalog. */
  title: string;
  /** Source URL from the catalog, when the clinic supplied one. */
  url?: string;
  /** Publisher from the catalog, when known (absent for "unknown"). */
  publisher?: string;
  /** The date the clinic reviewed the document (YYYY-MM-DD), from the catalog. */
  reviewed?: string;
  /** Offset of the first character of the quote in the original file (UTF-16 code units). */
  start: number;
  /** Offset one past the last character of the quote in the original file. */
  end: number;
  /** The verbatim text, `original.slice(start, end)`. */
  text: string;
  /** Heading of the section the quote stands in, when the document has one. */
  section?: string;
  /** Relevance score in [0, 1]; higher is better. Comparable within one answer only. */
  score: number;
}

/** Why the engine abstained. */
export type NoAnswerReason =
  /** Nothing was asked (empty or only punctuation/whitespace). */
  | 'empty'
  /** The message is longer than the engine accepts as one question. */
  | 'too-long'
  /** The message tries to change the assistant's rules instead of asking about the documents. */
  | 'instructions'
  /** The documents do not cover the question (no passage reached the confidence threshold). */
  | 'not-covered';

/** A small-talk intent and the reply wording for it (from `dialogs/smalltalk.json`). */
export interface SmalltalkMatch {
  /** Intent id, e.g. `greeting`, `thanks`, `goodbye`, `identity`, `help`. */
  intent: string;
  /** The reply text. */
  reply: string;
}

/** Documents that disagree on the topic of the answer; each side is one of the answer's quotes. */
export interface Disagreement {
  /** Id from `knowledge/disagreements.json`. */
  id: string;
  /** What the sources disagree about, in our words, e.g. "how soon after the fracture the procedure works best". */
  topic: string;
}

/**
 * Conversation context for follow-up questions ("and how long does it take?"). Built from the previous
 * result's `topic`; the caller stores it (e.g. in conversation state) and passes it back.
 */
export interface AnswerContext {
  /** Content terms of the previous question(s) that carried the topic. */
  topicTerms?: string[];
  /** The question types of the previous question ("duration"), taken over by a follow-up that names none. */
  questionTypes?: string[];
  /** The quotes shown last time, to prefer the same part of the documents. */
  previousQuotes?: Array<Pick<Quote, 'documentId' | 'start' | 'end'>>;
}

/** The result of `answer(question, context?)`. */
export interface AnswerResult {
  outcome: AnswerOutcome;
  /** Ranked quotes (best first), at most `maxQuotes`, each from a different passage. Empty unless `answer`. */
  quotes: Quote[];
  /** The question type the engine recognised (`definition`, `procedure`, `duration`, `risks`, …), if any. */
  questionType: string | null;
  /** Confidence of the best passage in [0, 1]; compared with the abstention threshold. */
  confidence: number;
  /** Set when `outcome === 'emergency'`. */
  emergency?: EmergencyMatch;
  /** Set when `outcome === 'smalltalk'`. */
  smalltalk?: SmalltalkMatch;
  /** Set when `outcome === 'no-answer'`. */
  noAnswerReason?: NoAnswerReason;
  /** Set when the quotes show documents that disagree; the lead-in must say the sources differ. */
  disagreement?: Disagreement;
  /** Whether the previous topic from the context was used to understand this question. */
  usedContext: boolean;
  /** Context to pass with the next question of the same conversation. */
  nextContext: AnswerContext;
  /** Questions the documents answer that are close to this one (from question headings), for suggestions. */
  relatedQuestions: string[];
}
