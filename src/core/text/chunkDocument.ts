import { classifyLines, type DocumentLine } from './classifyLines';
import { splitSentences } from './splitSentences';

/** What a passage is: a heading (never quoted alone), one sentence, or a whole list with its lead-in. */
export type PassageKind = 'heading' | 'sentence' | 'list';

/** What chunking reads of a document (a knowledge document has more). */
export interface ChunkedDocument {
  id: string;
  /** `md` documents have Markdown headings and lists; `txt` documents are plain text. */
  format: 'txt' | 'md';
  /** The document's whole text; passages are slices of it. */
  text: string;
}

/** A quotable piece of a document. `text === document.text.slice(start, end)`. */
export interface Passage {
  /** Unique within the knowledge base: `documentId#index`. */
  id: string;
  documentId: string;
  kind: PassageKind;
  start: number;
  end: number;
  text: string;
  /** The heading this passage stands under, if any. */
  section?: string;
  /** Passages of one paragraph share a block number; a quote never spans blocks. */
  block: number;
  /** Position in the document. */
  index: number;
}

/** Options for chunking. */
export interface ChunkOptions {
  /** A list longer than this (characters) becomes one passage per item. Default 700. */
  maxListLength: number;
}

/** Default chunking options. */
export const defaultChunkOptions: ChunkOptions = { maxListLength: 700 };

const ENDS_SENTENCE = /[.!?:"”’)]$/;

interface Builder {
  passages: Omit<Passage, 'id' | 'index'>[];
  section?: string;
  block: number;
}

/** Adds the sentences of `doc.text[from, to)`; `newBlock` starts a new paragraph. */
function addSentences(doc: ChunkedDocument, from: number, to: number, builder: Builder, newBlock: boolean): void {
  if (newBlock) builder.block += 1;
  for (const span of splitSentences(doc.text, from, to)) {
    builder.passages.push({ documentId: doc.id, kind: 'sentence', ...span, text: doc.text.slice(span.start, span.end), section: builder.section, block: builder.block });
  }
}

function addList(doc: ChunkedDocument, items: DocumentLine[], builder: Builder, options: ChunkOptions): void {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const previous = builder.passages[builder.passages.length - 1];
  const leadIn = previous && previous.kind === 'sentence' && previous.text.endsWith(':') && previous.section === builder.section ? previous : undefined;
  const start = leadIn ? leadIn.start : first.start;
  if (last.end - start > options.maxListLength) {
    items.forEach((item, i) => addSentences(doc, item.start, item.end, builder, i === 0));
    return;
  }
  if (leadIn) builder.passages.pop();
  else builder.block += 1;
  builder.passages.push({ documentId: doc.id, kind: 'list', start, end: last.end, text: doc.text.slice(start, last.end), section: builder.section, block: builder.block });
}

/**
 * Cuts a document into passages with offsets into its original text: headings, sentences and lists
 * (a list keeps the sentence that introduces it, e.g. "… performed on patients who:"). Text lines are
 * joined when a line break falls inside a sentence (wrapped Markdown paragraphs) and split into
 * sentences otherwise; consecutive text lines form one paragraph (block) until a blank line, heading or list.
 */
export function chunkDocument(doc: ChunkedDocument, options: ChunkOptions = defaultChunkOptions): Passage[] {
  const lines = classifyLines(doc.text, doc.format);
  const builder: Builder = { passages: [], block: 0 };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as DocumentLine;
    if (line.kind === 'blank') {
      i += 1;
    } else if (line.kind === 'heading') {
      builder.section = doc.text.slice(line.start, line.end).trim();
      builder.block += 1;
      builder.passages.push({ documentId: doc.id, kind: 'heading', start: line.start, end: line.end, text: doc.text.slice(line.start, line.end), section: builder.section, block: builder.block });
      i += 1;
    } else if (line.kind === 'item') {
      const items: DocumentLine[] = [];
      while (i < lines.length && (lines[i]?.kind === 'item' || (lines[i]?.kind === 'blank' && lines[i + 1]?.kind === 'item'))) {
        const current = lines[i] as DocumentLine;
        if (current.kind === 'item') items.push(current);
        i += 1;
      }
      addList(doc, items, builder, options);
    } else {
      const continuesParagraph = lines[i - 1]?.kind === 'text';
      const start = line.start;
      let end = line.end;
      i += 1;
      while (i < lines.length && lines[i]?.kind === 'text' && !ENDS_SENTENCE.test(doc.text.slice(start, end))) {
        end = (lines[i] as DocumentLine).end;
        i += 1;
      }
      addSentences(doc, start, end, builder, !continuesParagraph);
    }
  }
  // One object literal for every passage (not a spread): passages then share one hidden class, and the
  // ranking's reads of their fields stay monomorphic (spread copies had a hidden class each).
  return builder.passages.map(({ documentId, kind, start, end, text, section, block }, index) => ({
    documentId,
    kind,
    start,
    end,
    text,
    section,
    block,
    id: `${doc.id}#${index}`,
    index,
  }));
}
