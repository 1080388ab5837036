import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from './contentError';
import {
  catalogSchema,
  disagreementsSchema,
  passageQuestionsSchema,
  guardrailsSchema,
  lexiconSchema,
  wordVectorsSchema,
  questionTypesSchema,
  rankingSchema,
  synonymsSchema,
  type CatalogEntry,
  type Guardrails,
  type Lexicon,
  type WordVectors,
  type QuestionTypes,
  type Ranking,
  type Synonyms,
} from './knowledgeSchemas';
import { displayPath, readContentFile } from './readContentFile';
import { redFlagsSchema, type RedFlags } from '../safety/redFlagSchema';

/** A document the assistant quotes: its catalog entry and its text exactly as stored. */
export interface KnowledgeDocument {
  id: string;
  title: string;
  publisher: string;
  reviewed: string;
  url?: string;
  /** File name under `knowledge/documents/`. */
  file: string;
  /** `md` documents have Markdown headings and lists; `txt` documents are plain text. */
  format: 'txt' | 'md';
  /** The file's whole text, byte for byte (decoded as UTF-8). Quotes are slices of it. */
  text: string;
}

/** A span of one document. */
export interface DocumentSpan {
  documentId: string;
  start: number;
  end: number;
}

/** A known disagreement between documents, each side located in its document. */
export interface LocatedDisagreement {
  id: string;
  topic: string;
  /** Question types that ask about this topic (see `knowledge/disagreements.json`). */
  questionTypes: string[];
  sides: DocumentSpan[];
}

/** Questions a passage answers (`knowledge/passageQuestions.json`), located in its document. */
export interface LocatedPassageQuestions extends DocumentSpan {
  questions: string[];
}

/** Everything under `knowledge/`, validated. */
export interface KnowledgeBase {
  documents: KnowledgeDocument[];
  synonyms: Synonyms;
  redFlags: RedFlags;
  disagreements: LocatedDisagreement[];
  /** Questions passages answer, from `passageQuestions.json` (none when the file is absent). */
  passageQuestions: LocatedPassageQuestions[];
  questionTypes: QuestionTypes;
  guardrails: Guardrails;
  ranking: Ranking;
  /** Word classes from WordNet, from `lexicon.json` (empty when the file is absent). */
  lexicon: Lexicon;
  /** Word vectors for sentence similarity, from `wordVectors.json` (none when the file is absent). */
  wordVectors?: WordVectors;
}

/** Sub-folder of the knowledge folder that holds the documents. */
export const DOCUMENTS_FOLDER = 'documents';

function documentFileNames(folder: string): string[] {
  if (!existsSync(folder)) throw new ContentError(displayPath(folder), 'the documents folder is missing');
  return readdirSync(folder)
    .filter((name) => /\.(txt|md)$/i.test(name))
    .sort();
}

function loadDocuments(knowledgeDir: string): KnowledgeDocument[] {
  const catalogFile = join(knowledgeDir, 'catalog.json');
  const catalog = readContentFile(catalogFile, catalogSchema);
  const folder = join(knowledgeDir, DOCUMENTS_FOLDER);
  const files = documentFileNames(folder);
  const listed = new Set(catalog.documents.map((entry) => entry.file));
  const unlisted = files.filter((name) => !listed.has(name));
  if (unlisted.length > 0) {
    throw new ContentError(
      displayPath(catalogFile),
      `document(s) ${unlisted.join(', ')} in ${DOCUMENTS_FOLDER}/ have no catalog entry: add id, file, title, publisher and reviewed date`,
    );
  }
  return catalog.documents.map((entry: CatalogEntry) => {
    const path = join(folder, entry.file);
    if (!existsSync(path)) throw new ContentError(displayPath(catalogFile), `"${entry.id}" names ${entry.file}, which is not in ${DOCUMENTS_FOLDER}/`);
    const text = readFileSync(path, 'utf8');
    if (text.trim().length === 0) throw new ContentError(displayPath(path), 'the document is empty');
    return {
      id: entry.id,
      title: entry.title,
      publisher: entry.publisher,
      reviewed: entry.reviewed,
      ...(entry.url ? { url: entry.url } : {}),
      file: entry.file,
      format: entry.file.toLowerCase().endsWith('.md') ? 'md' : 'txt',
      text,
    };
  });
}

/** Throws a ContentError when `types` (listed by `owner` in `file`) names a type questionTypes.json does not define. */
function checkQuestionTypes(file: string, owner: string, types: readonly string[], knownTypes: ReadonlySet<string>): void {
  const unknown = types.find((type) => !knownTypes.has(type));
  if (unknown !== undefined) throw new ContentError(displayPath(file), `${owner} names unknown question type "${unknown}" (see questionTypes.json)`);
}

function locateDisagreements(knowledgeDir: string, documents: KnowledgeDocument[], knownTypes: ReadonlySet<string>): LocatedDisagreement[] {
  const file = join(knowledgeDir, 'disagreements.json');
  const content = readContentFile(file, disagreementsSchema);
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  return content.disagreements.map((disagreement) => {
    checkQuestionTypes(file, `"${disagreement.id}"`, disagreement.questionTypes, knownTypes);
    return {
      id: disagreement.id,
      topic: disagreement.topic,
      questionTypes: disagreement.questionTypes,
      sides: disagreement.sides.map((side) => {
        const doc = byId.get(side.documentId);
        if (!doc) throw new ContentError(displayPath(file), `"${disagreement.id}" names unknown document "${side.documentId}"`);
        const start = doc.text.indexOf(side.text);
        if (start < 0) {
          throw new ContentError(displayPath(file), `"${disagreement.id}": this text is not verbatim in ${doc.file}: "${side.text}"`);
        }
        return { documentId: doc.id, start, end: start + side.text.length };
      }),
    };
  });
}

function loadSynonyms(knowledgeDir: string, knownTypes: ReadonlySet<string>): Synonyms {
  const file = join(knowledgeDir, 'synonyms.json');
  const synonyms = readContentFile(file, synonymsSchema);
  synonyms.groups.forEach((group, position) => {
    if ('members' in group) checkQuestionTypes(file, `groups.${position}`, group.questionTypes, knownTypes);
  });
  return synonyms;
}

function locatePassageQuestions(knowledgeDir: string, documents: KnowledgeDocument[]): LocatedPassageQuestions[] {
  const file = join(knowledgeDir, 'passageQuestions.json');
  if (!existsSync(file)) return [];
  const content = readContentFile(file, passageQuestionsSchema);
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  return content.passages.map((entry, position) => {
    const doc = byId.get(entry.documentId);
    const where = `passages.${position}`;
    if (!doc) throw new ContentError(displayPath(file), `${where} names unknown document "${entry.documentId}"`);
    const start = doc.text.indexOf(entry.anchor);
    if (start < 0) throw new ContentError(displayPath(file), `${where}: this anchor is not verbatim in ${doc.file}: "${entry.anchor}"`);
    if (doc.text.indexOf(entry.anchor, start + 1) >= 0) {
      throw new ContentError(displayPath(file), `${where}: this anchor occurs more than once in ${doc.file}, make it longer: "${entry.anchor}"`);
    }
    return { documentId: doc.id, start, end: start + entry.anchor.length, questions: entry.questions };
  });
}

/** Loads and validates `knowledge/`. Throws a ContentError naming the file and the problem. */
export function loadKnowledge(knowledgeDir: string): KnowledgeBase {
  const documents = loadDocuments(knowledgeDir);
  const questionTypes = readContentFile(join(knowledgeDir, 'questionTypes.json'), questionTypesSchema);
  const knownTypes = new Set(questionTypes.types.map((type) => type.id));
  return {
    documents,
    synonyms: loadSynonyms(knowledgeDir, knownTypes),
    redFlags: readContentFile(join(knowledgeDir, 'redFlags.json'), redFlagsSchema),
    disagreements: locateDisagreements(knowledgeDir, documents, knownTypes),
    passageQuestions: locatePassageQuestions(knowledgeDir, documents),
    questionTypes,
    guardrails: readContentFile(join(knowledgeDir, 'guardrails.json'), guardrailsSchema),
    ranking: readContentFile(join(knowledgeDir, 'ranking.json'), rankingSchema),
    lexicon: existsSync(join(knowledgeDir, 'lexicon.json')) ? readContentFile(join(knowledgeDir, 'lexicon.json'), lexiconSchema) : { notNouns: [] },
    ...(existsSync(join(knowledgeDir, 'wordVectors.json')) ? { wordVectors: readContentFile(join(knowledgeDir, 'wordVectors.json'), wordVectorsSchema) } : {}),
  };
}
