import { z } from 'zod';
import { passageFeatureNames } from './passageFeatureNames';
import { patternSchema } from './patternSchema';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-" only');

/** One entry of `knowledge/catalog.json`: a document the assistant may quote. */
export const catalogEntrySchema = z.object({
  id: idSchema,
  /** File name under `knowledge/documents/` (.txt or .md). */
  file: z.string().regex(/^[^/\\]+\.(txt|md)$/, 'a file name in knowledge/documents ending in .txt or .md'),
  title: z.string().min(1).max(200),
  publisher: z.string().min(1, 'give the publisher or "unknown"'),
  reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the date the clinic reviewed the document, YYYY-MM-DD'),
  url: z.url().nullable().optional(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** `knowledge/catalog.json`. */
export const catalogSchema = z
  .object({ documents: z.array(catalogEntrySchema).min(1, 'the catalog lists no documents') })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.documents.forEach((doc, index) => {
      if (seen.has(doc.id)) ctx.addIssue({ code: 'custom', path: ['documents', index, 'id'], message: `duplicate id "${doc.id}"` });
      seen.add(doc.id);
    });
  });
export type Catalog = z.infer<typeof catalogSchema>;

/** A one-way synonym: patients' words for a term the documents use ("balloon procedure" → kyphoplasty). */
export const laySynonymSchema = z.strictObject({
  term: z.string().min(1),
  saidAs: z.array(z.string().min(1)).min(1),
});
export type LaySynonym = z.infer<typeof laySynonymSchema>;

/**
 * A group whose members mean the same only in questions of some types: "fasting" and "eat" belong
 * together when the question is about preparing ("do I need to fast?"), not in "how fast will I feel better".
 */
export const typedSynonymGroupSchema = z.strictObject({
  members: z.array(z.string().min(1)).min(2, 'a synonym group needs at least two members'),
  /** Question types (ids in questionTypes.json): the group applies only to a question of one of them. */
  questionTypes: z.array(idSchema).min(1, 'name at least one question type'),
});
export type TypedSynonymGroup = z.infer<typeof typedSynonymGroupSchema>;

/** One entry of `groups` in `knowledge/synonyms.json`. */
export type SynonymGroup = string[] | LaySynonym | TypedSynonymGroup;

/** `knowledge/synonyms.json`: groups of interchangeable words and phrases (some only in questions of given types), and one-way lay terms. */
export const synonymsSchema = z.object({
  groups: z.array(
    z.union([z.array(z.string().min(1)).min(2, 'a synonym group needs at least two members'), laySynonymSchema, typedSynonymGroupSchema], {
      error: 'a group is a list of at least two words, { "term": …, "saidAs": [ … ] } or { "members": [ … ], "questionTypes": [ … ] }',
    }),
  ),
  /** Words that say nothing about what is asked ("please", "wondering"), on top of English stop words. */
  ignoredWords: z.array(z.string().min(1)).default([]),
  /** English stop words that do carry meaning here ("take", "after"): they are searched. */
  keptWords: z.array(z.string().min(1)).default([]),
});
export type Synonyms = z.infer<typeof synonymsSchema>;

/**
 * `knowledge/passageQuestions.json` (optional): questions patients ask that a passage answers, written by
 * the clinic. They only help find the passage; the answer is always the passage's own words.
 */
export const passageQuestionsSchema = z.object({
  passages: z.array(
    z.object({
      documentId: idSchema,
      /** Words copied verbatim from the passage that answers (found once in the document). */
      anchor: z.string().min(10, 'an anchor has at least 10 characters'),
      questions: z.array(z.string().trim().min(3)).min(1, 'at least one question'),
    }),
  ),
});
export type PassageQuestions = z.infer<typeof passageQuestionsSchema>;

/** `knowledge/disagreements.json`: places where documents say different things. */
export const disagreementsSchema = z.object({
  disagreements: z.array(
    z.object({
      id: idSchema,
      topic: z.string().min(1),
      /**
       * Question types (ids in questionTypes.json) that ask about this topic: a question of one of these
       * types is answered with every side when any side is among its best quotes, not only when a side is
       * the best one. Default none.
       */
      questionTypes: z.array(idSchema).default([]),
      sides: z.array(z.object({ documentId: idSchema, text: z.string().min(1) })).min(2, 'a disagreement has at least two sides'),
    }),
  ),
});
export type Disagreements = z.infer<typeof disagreementsSchema>;

/** `knowledge/questionTypes.json`. */
export const questionTypesSchema = z.object({
  types: z.array(
    z.object({ id: idSchema, question: z.array(patternSchema).min(1), passage: z.array(patternSchema).min(1), priority: z.number().default(0) }),
  ),
  followUp: z.object({ continuation: z.array(patternSchema), maxOwnTopicTerms: z.number().int().min(0) }),
  /** How to tell the sentences that ask from the story around them in a long message. */
  focus: z.object({ asking: z.array(patternSchema).min(1) }),
});
export type QuestionTypes = z.infer<typeof questionTypesSchema>;

/**
 * `knowledge/lexicon.json`, generated by `npm run build:lexicon` from WordNet (see scripts/buildLexicon.ts).
 */
export const lexiconSchema = z.object({
  /** Words WordNet knows without a noun sense that natural's English lexicon does not know ("percutaneous"). */
  notNouns: z.array(z.string().min(1)),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

/**
 * `knowledge/wordVectors.json`, generated by `npm run build:vectors` from GloVe word vectors (see
 * scripts/buildWordVectors.ts): per word, a vector of `dimensions` signed bytes times the word's scale.
 */
export const wordVectorsSchema = z
  .object({
    dimensions: z.number().int().min(1).max(1000),
    /** Lower-case words, most frequent first. */
    words: z.array(z.string().min(1)),
    /** One per word: the vector's bytes times this are its (weighted) vector. */
    scales: z.array(z.number().positive()),
    /** Base64 of words × dimensions signed bytes, word after word. */
    vectors: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  })
  .refine((table) => table.scales.length === table.words.length, { message: 'scales must have one entry per word', path: ['scales'] })
  .refine((table) => Buffer.byteLength(table.vectors, 'base64') === table.words.length * table.dimensions, {
    message: 'vectors must hold words × dimensions bytes',
    path: ['vectors'],
  });
export type WordVectors = z.infer<typeof wordVectorsSchema>;

/** `knowledge/guardrails.json`. */
export const guardrailsSchema = z.object({
  maxQuestionLength: z.number().int().min(20).max(10_000),
  instructionPatterns: z.array(patternSchema),
  /** Questions about the clinic itself (hours, parking, staff): the documents never cover these. */
  clinicQuestionPatterns: z.array(patternSchema).default([]),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

/** `knowledge/ranking.json`: the ranking model's weights, one per passage feature. */
export const rankingSchema = z.object({
  bias: z.number(),
  weights: z.strictObject(Object.fromEntries(passageFeatureNames.map((name) => [name, z.number()])) as Record<(typeof passageFeatureNames)[number], z.ZodNumber>),
});
export type Ranking = z.infer<typeof rankingSchema>;
