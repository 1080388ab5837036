import type { RedFlags } from '../content/knowledgeSchemas';
import { compilePatterns } from '../content/patternSchema';
import type { EmergencyMatch } from '../answer/answerTypes';
import { normalizeText } from '../text/analyzeText';

/** Checks a message against the red-flag rules. */
export type RedFlagDetector = (message: string) => EmergencyMatch | null;

/** How many words before a symptom a negation word cancels it ("I don't have chest pain"). */
const NEGATION_WINDOW_WORDS = 3;
const GENERAL_QUESTION = /^\s*(can|could|does|do|will|would|is|are|may|might|what|how|why|when|should|which)\b/;

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * Builds the red-flag detector from `knowledge/redFlags.json`. A rule matches when one of its patterns
 * does, unless a negation word stands just before the match, or the message is a general question that
 * says nothing personal ("can kyphoplasty cause chest pain?": answered from the documents instead).
 */
export function createRedFlagDetector(content: RedFlags): RedFlagDetector {
  const rules = content.rules.map((rule) => ({ rule, patterns: compilePatterns(rule.patterns).map((p) => new RegExp(p.source, 'gi')) }));
  const negations = new Set(content.negationWords.map((word) => normalizeText(word)));
  const personal = new Set(content.personalWords.map((word) => normalizeText(word)));
  return (message) => {
    const text = normalizeText(message).replace(/\s+/g, ' ');
    const general = GENERAL_QUESTION.test(text) && !wordsOf(text).some((word) => personal.has(word));
    if (general) return null;
    for (const { rule, patterns } of rules) {
      for (const pattern of patterns) {
        pattern.lastIndex = 0;
        for (const match of text.matchAll(pattern)) {
          const before = wordsOf(text.slice(0, match.index)).slice(-NEGATION_WINDOW_WORDS);
          if (before.some((word) => negations.has(word))) continue;
          return { ruleId: rule.id, label: rule.label, instruction: content.instruction };
        }
      }
    }
    return null;
  };
}
