/**
 * Tuning values of the answer engine. The defaults were calibrated on the dev half of the evaluation set
 * (`npm run eval`); see README, "Answer quality".
 */
export interface AnswerEngineOptions {
  /**
   * Country whose emergency number and crisis line the emergency instructions name: a key of
   * `countries` in `knowledge/redFlags.json`. Default: its `defaultCountry`. Not a tuning value.
   */
  emergencyCountry?: string;
  /** Most quotes in one answer. Default 3 (range 1–5). */
  maxQuotes: number;
  /**
   * Abstention threshold on confidence, the share of the question's meaning (words weighted by rarity)
   * that the best passage covers. Below it the engine says the documents don't cover the question.
   * Default 0.35 (range 0–1).
   */
  confidenceThreshold: number;
  /**
   * The abstention threshold for a question that names a subject the documents never use (a noun such
   * as "insurance" or "fusion", in the sentences that ask): its key topic is missing from every passage,
   * so more of the rest must be covered. Default 0.55 (range `confidenceThreshold`–1).
   */
  missingSubjectThreshold: number;
  /**
   * The ranking's best this many passages are quoted (up to `maxQuotes`) beside a first quote that covers
   * enough of the question, however far their score or their own coverage falls; below them a quote must
   * cover enough of the question and pass `relativeScoreFloor`. Default 3 (range 1 to `maxQuotes`).
   */
  keptTopRanks: number;
  /**
   * The ranking's best `keptTopRanks` are quoted in the order of score + this × coverage: of close
   * candidates, the one covering more of the question is quoted first. Default 1 (0.5–1 measured the
   * same; 0, 2 and coverage alone worse, docs/answer-quality.md).
   */
  firstQuoteCoverageWeight: number;
  /** A second or third quote must score at least this share of the best quote's score. Default 0.5. */
  relativeScoreFloor: number;
  /** Weight of a synonym of a question word, relative to the word itself. Default 0.6. */
  synonymWeight: number;
  /** Credit for covering a question word through a synonym instead of the word. Default 0.75. */
  synonymCredit: number;
  /** Credit for covering a misspelled word through its correction. Default 0.9. */
  correctionCredit: number;
  /** Credit for a question word found only in the heading above the passage. Default 0.5. */
  sectionCredit: number;
  /**
   * Credit for a question word found only in the questions the clinic wrote for the passage
   * (`knowledge/passageQuestions.json`), towards coverage and so the answer's confidence: the clinic says
   * the passage answers questions with these words. Default 1.
   */
  askedCredit: number;
  /**
   * Weight of a word the documents never use that a long message says only in the story around its
   * question (not in the sentences that ask, `focus` in questionTypes.json), relative to the same word in
   * the question: "January", "chair" or "bed" in the story does not make the question one the documents
   * don't cover. Default 0 (range 0–1; 0.3 and 1 measured worse, README "Answer quality").
   */
  backgroundWeight: number;
  /**
   * Most words of a question kept as the subject a follow-up continues (`nextContext.topicTerms`): its
   * topic words, then the cue words of its types the documents use ("risk"). Default 6.
   */
  maxTopicTerms: number;
  /** Weight of the previous topic's words in a follow-up question. Default 0.5. */
  contextWeight: number;
  /** Ranking bonus (added to the model's logit) for a passage in the section the previous answer quoted, in a follow-up. Default 0.5. */
  contextSectionBonus: number;
  /**
   * Credit for a question-form word ("long" in "how long", "drive" in "can I drive") covered only because the
   * passage looks like an answer of that question type. Default 0.6.
   */
  cueCredit: number;
  /** Weight of a question-form word relative to its rarity: it says what kind of answer, not what about. Default 0.5. */
  cueWordWeight: number;
  /** Passages shorter than this many characters say little on their own (a ranking feature). Default 45. */
  shortPassageChars: number;
  /** Score factor for a second quote from a document already quoted (prefers several sources). Default 0.9. */
  sameDocumentFactor: number;
  /**
   * Weight of a noun the documents never use ("hip", "router"), relative to the rarest word they use: a
   * subject the documents don't cover. Numbers and question-form words ("ballpark") weigh as other words. Default 2.
   */
  unknownNounWeight: number;
  /** Weight of any other word the documents never use ("nervous", "relax"). Default 0.3. */
  unknownWordWeight: number;
  /**
   * Weight, on the ranking model's logit, of how close the question's wording is to a passage's nearest
   * clinic question as sentence vectors (`knowledge/wordVectors.json`, cosine): each passage loses this
   * times its distance below the closest passage's. Catches wording that shares no word with the clinic's
   * questions ("is it going to hurt a lot" near "how painful is it"). Chosen on the dev halves of our set
   * and the patient-style set (docs/answer-quality.md). Default 20 (0 turns it off).
   */
  askedSimilarityWeight: number;
  /**
   * Only the ranking model's best this many passages are moved by `askedSimilarityWeight` (the rest count
   * as not close): closeness reorders the near candidates, and costs a cosine per clinic question of each.
   * Default 10 (10, 15, 20 and 30 measured the same, 5 worse; 20 costs twice as much).
   */
  askedSimilarityReach: number;
  /** How many related questions to suggest. Default 3. */
  relatedQuestions: number;
  /**
   * Only this many of the best BM25 hits are ranked (features and the ranking model); the rest cannot be
   * quoted. Bounds the cost of an answer. Default 100 (range 1 and up): on the dev halves of our set and
   * the patient-style set 80 to 200 give the same figures and 60 loses answers; a seed question has up
   * to ~170 hits, so 100 spares a third of the ranking's work.
   */
  maxRankedHits: number;
  /**
   * A question of a type that asks about a known disagreement (`questionTypes` in disagreements.json) is
   * answered with every side when a side is among this many of the best candidates. Default 3 (as `keptTopRanks`:
   * sides found further down would take the place of the best-ranked passages, docs/answer-quality.md).
   */
  disagreementReach: number;
}

/** Default tuning values. */
export const defaultAnswerEngineOptions: AnswerEngineOptions = {
  maxQuotes: 3,
  confidenceThreshold: 0.35,
  missingSubjectThreshold: 0.55,
  keptTopRanks: 3,
  firstQuoteCoverageWeight: 1,
  relativeScoreFloor: 0.5,
  synonymWeight: 0.6,
  synonymCredit: 0.75,
  correctionCredit: 0.9,
  sectionCredit: 0.5,
  askedCredit: 1,
  backgroundWeight: 0,
  maxTopicTerms: 6,
  contextWeight: 0.5,
  contextSectionBonus: 0.5,
  cueCredit: 0.6,
  cueWordWeight: 0.5,
  shortPassageChars: 45,
  sameDocumentFactor: 0.9,
  unknownNounWeight: 2,
  unknownWordWeight: 0.3,
  askedSimilarityWeight: 20,
  askedSimilarityReach: 10,
  relatedQuestions: 3,
  maxRankedHits: 100,
  disagreementReach: 3,
};
