/**
 * Sources a patient can check: through the real server, each citation names the document, its publisher
 * and the clinic's review date, and links to the document when the catalog has a URL; the cost figure
 * comes with the sentence that says where and when it is from.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { startTestAssistant, testConversation, type TestAssistant } from './assistantHarness';

interface CatalogEntry {
  id: string;
  title: string;
  publisher: string;
  reviewed: string;
  url: string | null;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'spine-sources-'));
const knowledgeDir = path.join(scratch, 'knowledge');
cpSync(defaultContentLocation.knowledgeDir, knowledgeDir, { recursive: true });
const catalogFile = path.join(knowledgeDir, 'catalog.json');
const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { documents: CatalogEntry[] };
const costDocument = '004_a731c795fe9cea1e';
for (const entry of catalog.documents) {
  if (entry.id === costDocument) Object.assign(entry, { publisher: 'Example Health News', url: 'https://example.org/kyphoplasty' });
}
writeFileSync(catalogFile, JSON.stringify(catalog, null, 2));
const documentText = readFileSync(path.join(knowledgeDir, 'documents', `${costDocument}.txt`), 'utf8');

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ env: { KNOWLEDGE_DIR: knowledgeDir } });
});
afterAll(async () => {
  await harness?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('citations a patient can check', () => {
  it('names title, publisher and review date, links the document, and dates the cost figure', async () => {
    const chat = testConversation();
    const { activities } = await harness.send(chat.message('how much does kyphoplasty cost?'));
    const reply = activities[0];
    expect(reply?.channelData?.outcome).toBe('answer');
    const claims = (reply?.entities?.[0]?.['citation'] ?? []) as Array<{ appearance: { name: string; text: string; url?: string } }>;
    const claim = claims[0];
    expect(claim?.appearance.name.length).toBeLessThanOrEqual(80);
    expect(claim?.appearance.name).toMatch(/^Kyphoplasty \(procedure,.*… · Example Health News · reviewed 2026-11-22$/);
    expect(claim?.appearance.url).toBe('https://example.org/kyphoplasty');
    expect(reply?.text).toContain('[1]: <https://example.org/kyphoplasty> "Kyphoplasty (procedure, benefits, risks, recovery) · Example Health News · reviewed 2026-11-22"');
    const [quote] = reply?.channelData?.quotes ?? [];
    expect(claim?.appearance.text).toBe(documentText.slice(quote?.start, quote?.end));
    expect(claim?.appearance.text).toMatch(/across the United States in 2014\. The average cost .* was \$15,295$/);
  });

  it('gives the review date without a publisher the catalog does not know', async () => {
    const chat = testConversation();
    const { activities } = await harness.send(chat.message('what is PMMA?'));
    const claims = (activities[0]?.entities?.[0]?.['citation'] ?? []) as Array<{ appearance: { name: string; url?: string } }>;
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims.filter((candidate) => !candidate.appearance.url)) {
      expect(claim.appearance.name).toMatch(/ · reviewed \d{4}-\d{2}-\d{2}$/);
      expect(claim.appearance.name).not.toContain('unknown');
    }
  });
});
