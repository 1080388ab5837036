/**
 * The ranking features' names: part of the format of `knowledge/ranking.json` (its weights are named by
 * them), so they live with the content schemas; the answer engine computes the features in this order.
 */
/** The names of the ranking features, in a fixed order (the weights in `knowledge/ranking.json` use them). */
export const passageFeatureNames = [
  /** BM25 score relative to the best passage found. */
  'relevance',
  /** Share of the question's meaning covered, counting synonyms, corrections, headings and answer type. */
  'coverage',
  /** Share covered by the question's own words (or their corrections) in the passage's text only. */
  'exactCoverage',
  /** Share of the question's meaning found in the heading above the passage. */
  'sectionCoverage',
  /** Share of the question's meaning found in the sentences around the passage. */
  'neighbourCoverage',
  /** Share of the question's words (unweighted) the passage covers. */
  'wordCoverage',
  /** 1 when the passage looks like an answer of the question's main type. */
  'typeMatch',
  /** 1 for a list (with its lead-in). */
  'list',
  /** 1 for a passage shorter than `shortPassageChars`. */
  'short',
  /** Length of the passage, log-scaled to about [0, 1]. */
  'length',
  /** 1 when one of the question's topic words is among the passage's first words (its subject). */
  'topicFirst',
  /** Credit for the question's rarest word that the documents use (usually what the question is about). */
  'rarestCovered',
  /** Rarity-weighted sum of the question words covered, scaled to about [0, 1] (not divided by the question's length). */
  'matchedWeight',
  /** How well the question matches the best-matching question the clinic wrote for the passage (passageQuestions.json). */
  'askedMatch',
  /** `askedMatch` relative to the best of the passages found: 1 for the passage whose clinic question matches best (the nearest clinic question's passage). */
  'askedBest',
] as const;
