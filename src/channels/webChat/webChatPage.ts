/**
 * The page's HTML: `page/index.html` with `{{placeholders}}` filled in, every value HTML-escaped.
 */
import { readFileSync } from 'node:fs';

/** The values the page template uses. */
export interface PageValues {
  clinicName: string;
  disclaimer: string;
  /** BCP 47 tag for `<html lang>` and Web Chat's locale. */
  locale: string;
  /** This response's style nonce (also set on the page script, which hands it to Web Chat). */
  styleNonce: string;
  webChatJsUrl: string;
  pageJsUrl: string;
  pageCssUrl: string;
}

const placeholderPattern = /\{\{(\w+)\}\}/g;
const placeholderNames: ReadonlyArray<keyof PageValues> = [
  'clinicName',
  'disclaimer',
  'locale',
  'styleNonce',
  'webChatJsUrl',
  'pageJsUrl',
  'pageCssUrl',
];

/** A loaded page template. */
export type PageTemplate = (values: PageValues) => string;

/** Reads the template once; throws if it uses a placeholder that {@link PageValues} does not have. */
export function loadPageTemplate(file: string): PageTemplate {
  const template = readFileSync(file, 'utf8');
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? '';
    if (!placeholderNames.some((known) => known === name)) {
      throw new Error(`webChatPage: unknown placeholder {{${name}}} in ${file}`);
    }
  }
  return (values) =>
    template.replace(placeholderPattern, (_whole, name: string) => {
      const key = placeholderNames.find((known) => known === name);
      return key === undefined ? '' : escapeHtml(values[key]);
    });
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
