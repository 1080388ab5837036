import type { TextAnalyzer } from '../text/analyzeText';
import { normalizeText } from '../text/analyzeText';
import type { Passage } from '../text/chunkDocument';
import type { Quote } from './answerTypes';

/** Suggests question headings of the documents related to a question, best first. */
export type RelatedQuestions = (question: string, limit: number, shown?: readonly Quote[]) => string[];

/**
 * Builds the suggester over the documents' question headings ("How is it done?", "Who is a Candidate?").
 * Headings are ranked by words shared with the question; a heading whose section was just quoted is
 * left out, and duplicates (the same heading in several documents) appear once.
 */
export function createRelatedQuestions(passages: readonly Passage[], analyzer: TextAnalyzer): RelatedQuestions {
  const seen = new Set<string>();
  const headings = passages
    .filter((passage) => passage.kind === 'heading' && passage.text.trim().endsWith('?'))
    .filter((passage) => {
      const key = normalizeText(passage.text).trim();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((passage) => ({ text: passage.text.trim(), documentId: passage.documentId, stems: new Set(analyzer.terms(passage.text)) }));
  return (question, limit, shown = []) => {
    const stems = new Set(analyzer.terms(question));
    const shownSections = new Set(shown.map((quote) => `${quote.documentId}\u0000${quote.section ?? ''}`));
    return headings
      .filter((heading) => !shownSections.has(`${heading.documentId}\u0000${heading.text}`))
      .map((heading, order) => ({ heading, order, shared: [...heading.stems].filter((stem) => stems.has(stem)).length }))
      .sort((a, b) => b.shared - a.shared || a.order - b.order)
      .slice(0, limit)
      .map(({ heading }) => heading.text);
  };
}
