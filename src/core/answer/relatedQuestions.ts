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
    .map((passage) => {
      const text = passage.text.trim();
      return { text, section: `${passage.documentId}\u0000${text}`, stems: [...new Set(analyzer.terms(passage.text))] };
    });
  return (question, limit, shown = []) => {
    const stems = new Set(analyzer.terms(question));
    const shownSections = new Set(shown.map((quote) => `${quote.documentId}\u0000${quote.section ?? ''}`));
    const ranked: Array<{ text: string; shared: number }> = [];
    for (const heading of headings) {
      if (shownSections.has(heading.section)) continue;
      let shared = 0;
      for (const stem of heading.stems) if (stems.has(stem)) shared += 1;
      // Best first, earlier headings first among equals; only the best `limit` are kept.
      if (ranked.length >= limit && shared <= (ranked[ranked.length - 1]?.shared ?? 0)) continue;
      let at = ranked.length;
      while (at > 0 && (ranked[at - 1]?.shared ?? 0) < shared) at -= 1;
      ranked.splice(at, 0, { text: heading.text, shared });
      if (ranked.length > limit) ranked.pop();
    }
    return ranked.map(({ text }) => text);
  };
}
