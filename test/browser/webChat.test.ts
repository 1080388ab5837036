/**
 * The Web Chat page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against
 * the real server, bot and built-in Direct Line: a patient clicks the candidate check, asks a question,
 * sees quotes with citations and opens one — on a desktop and on a phone. Screenshots go to
 * test-results/screenshots/.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startWebChannelHarness, type WebChannelHarness } from '../channels/webChannelHarness';
import { screenshotPath } from './screenshots';

/**
 * The few browser globals the in-page callbacks below use. The project compiles without the DOM library
 * (src runs on Node), so they are declared here, for this file only.
 */
interface PageElement {
  id: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getBoundingClientRect(): { bottom: number; height: number; right: number };
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void;
};
declare const window: { innerWidth: number; innerHeight: number; reportViolation(directive: string): Promise<void> };
declare function getComputedStyle(element: unknown): { overflowY: string; textOverflow: string };

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const candidateAction = 'Check whether I may be a candidate';
const question = 'how is kyphoplasty done';

/** The candidate check's first question (dialogs/screening.json). */
const screeningDefinition = JSON.parse(readFileSync(path.join(__dirname, '../../dialogs/screening.json'), 'utf8')) as {
  questions: Array<{ text: string }>;
};

let harness: WebChannelHarness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (npm test's pretest does when it may)`);
  harness = await startWebChannelHarness({ env: { CLINIC_NAME: 'Example Spine Clinic' } });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

/** A page with its Content-Security-Policy violations and console errors recorded. */
async function openChat(context: BrowserContext): Promise<{ page: Page; violations: string[]; errors: string[] }> {
  const page = await context.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void window.reportViolation(event.violatedDirective);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${harness.url}/`);
  return { page, violations, errors };
}

/** Text as a regular expression that also matches the typographic apostrophes Web Chat's Markdown uses. */
function typographic(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

/** Web Chat's suggested action buttons (the transcript also has a hidden copy for screen readers). */
const suggestedAction = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name });

async function askQuestion(page: Page): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Message input box' });
  await input.fill(question);
  await input.press('Enter');
  await page.locator('blockquote').first().waitFor();
}

/** Only the one known refusal may happen: Web Chat 4.18.1's transcript scroller <style> lacks the nonce. */
function expectNothingButTheKnownStyleRefusal(violations: string[], errors: string[]): void {
  expect(violations.every((directive) => directive === 'style-src-elem')).toBe(true);
  expect(errors.filter((error) => !/Content Security Policy/.test(error))).toEqual([]);
}

describe('the Web Chat page on a desktop', () => {
  let context: BrowserContext;
  let chat: Awaited<ReturnType<typeof openChat>>;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    chat = await openChat(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the clinic, the disclaimer and landmarks, and starts with a skip link', async () => {
    const { page } = chat;
    expect(await page.title()).toBe('Spine Assistant · Example Spine Clinic');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Example Spine Clinic');
    expect(await page.getByRole('banner').textContent()).toContain('not medical advice');
    expect(await page.getByRole('main').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the chat');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat');
  });

  it('starts the candidate check with its first question from the suggested action', async () => {
    const { page } = chat;
    await suggestedAction(page, candidateAction).click();
    const firstQuestion = screeningDefinition.questions[0]?.text ?? '';
    await page.getByText(typographic(firstQuestion.split(' — ')[0] ?? '')).first().waitFor();
    await suggestedAction(page, 'No').waitFor();
    await suggestedAction(page, 'Why do you ask?').waitFor();
    await page.screenshot({ path: screenshotPath('desktop-screening') });
  });

  it('answers a typed question with quotes and their citations, and opens a citation', async () => {
    const { page } = chat;
    await askQuestion(page);
    const quote = page.locator('blockquote').first();
    const citation = quote.locator('button.webchat__render-markdown__citation').first();
    expect(await citation.textContent()).toBe('1');
    const citationName = (await citation.getAttribute('aria-label')) ?? '';
    expect(citationName).toMatch(/^1 \S/);
    // The citation names the publisher (when known) and the date the clinic reviewed the document.
    expect(citationName).toMatch(/ · reviewed \d{4}-\d{2}-\d{2}$/);
    // The list of references under the message names the same document.
    expect(await page.getByRole('button', { name: citationName }).count()).toBeGreaterThan(1);
    await citation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('desktop') });

    await citation.click();
    const dialog = page.getByRole('dialog').filter({ hasText: citationName.slice(2) });
    await dialog.waitFor();
    const quoteStart = ((await quote.innerText()).split(/\s+/).slice(0, 6).join(' '));
    expect((await dialog.innerText()).replace(/\s+/g, ' ')).toContain(quoteStart.replace(/\s+/g, ' '));
    await page.screenshot({ path: screenshotPath('desktop-citation') });
    await page.keyboard.press('Escape');
  });

  it('keeps the transcript scrollable and its Content-Security-Policy intact', async () => {
    const { page, violations, errors } = chat;
    const overflow = await page.locator('.webchat__basic-transcript__scrollable').evaluate((element) => getComputedStyle(element).overflowY);
    expect(overflow).toBe('auto');
    expectNothingButTheKnownStyleRefusal(violations, errors);
  });
});

describe('the Web Chat page on a phone', () => {
  it('fits the screen and answers with citations', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      const { page, violations, errors } = await openChat(context);
      await suggestedAction(page, candidateAction).waitFor();
      await page.screenshot({ path: screenshotPath('phone-welcome') });
      const header = page.locator('.site-header');
      const disclaimer = (await page.locator('#disclaimer').innerText()).trim();
      const headerBefore = (await header.boundingBox())?.height ?? 0;
      await askQuestion(page);
      const citation = page.locator('blockquote button.webchat__render-markdown__citation').first();
      expect(await citation.textContent()).toBe('1');
      await citation.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('phone') });

      // Once the chat has started, the header and disclaimer take less room; the disclaimer stays whole.
      const headerAfter = (await header.boundingBox())?.height ?? Infinity;
      expect(headerAfter).toBeLessThan(headerBefore * 0.6);
      expect((await page.locator('#disclaimer').innerText()).trim()).toBe(disclaimer);
      expect(await page.locator('#disclaimer').isVisible()).toBe(true);

      // Suggested actions show their whole titles (wrapped between words), never cut with an ellipsis.
      const actions = await page.evaluate(() =>
        [...document.querySelectorAll('.webchat__suggested-action__text')].map((text) => ({
          text: text.textContent,
          overflows: text.scrollWidth > text.clientWidth || text.scrollHeight > text.clientHeight,
          ellipsis: getComputedStyle(text).textOverflow === 'ellipsis',
          right: text.getBoundingClientRect().right,
        })),
      );
      expect(actions.length).toBeGreaterThan(2);
      // And the references under an answer show each citation's whole name, review date included.
      const references = await page.evaluate(() =>
        [...document.querySelectorAll('.webchat__link-definitions__list-item-text')].map((text) => ({
          text: text.textContent,
          overflows: text.scrollWidth > text.clientWidth,
        })),
      );
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(reference, reference.text ?? '').toMatchObject({ overflows: false });
      for (const action of actions) {
        expect(action, action.text ?? '').toMatchObject({ overflows: false, ellipsis: false });
        expect(action.right).toBeLessThanOrEqual(390);
      }

      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        sendBoxBottom: document.querySelector('[aria-label="Message input box"]')?.getBoundingClientRect().bottom ?? Infinity,
        viewportHeight: window.innerHeight,
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewportWidth);
      expect(layout.sendBoxBottom).toBeLessThanOrEqual(layout.viewportHeight);
      expectNothingButTheKnownStyleRefusal(violations, errors);
    } finally {
      await context.close();
    }
  });
});

describe('a conversation the server has dropped', () => {
  it('says so and starts a new conversation on request', async () => {
    const clock = manualClock();
    const idle = await startWebChannelHarness({ env: { DIRECTLINE_IDLE_TIMEOUT_SECONDS: '60' }, now: clock.now });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${idle.url}/`);
      await suggestedAction(page, candidateAction).waitFor();
      clock.advance(61 * 1000);
      // The next poll gets 404: Web Chat's Direct Line ends, and the page offers a new conversation.
      const restart = page.getByRole('button', { name: 'Start a new conversation' });
      await restart.click();
      // The old conversation's page goes first (its welcome's suggested action would pass the wait below).
      await restart.waitFor({ state: 'detached' });
      await suggestedAction(page, candidateAction).waitFor();
      expect(await page.getByRole('status').first().innerText()).toBe('');
      // The new conversation's transcript holds its own welcome only.
      await page.locator('.webchat__basic-transcript__activity').first().waitFor();
      expect(await page.locator('.webchat__basic-transcript__activity').count()).toBe(1);
    } finally {
      await context.close();
      await idle.close();
    }
  });
});
