/**
 * Handoff end to end in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the
 * console announces new conversations (title count, status line; the sound can be turned off) and lists
 * an emergency first, highlighted; a patient in Web Chat asks for a person, an agent takes the
 * conversation, writes (the patient sees the agent's name and role, in a bubble of its own), sees list
 * quotes with their lines, sends a suggested quote (shown in the console as a quote, to the patient with
 * its citation under the agent's name), hands back, and the bot answers again. Both pages keep their
 * Content-Security-Policy intact. Screenshots go to test-results/screenshots/.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleToken, startConsoleHarness, type ConsoleHarness } from '../handoff/consoleHarness';
import { screenshotPath } from './screenshots';

declare const document: { addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void };
declare const window: { reportViolation(directive: string): Promise<void> };
declare function getComputedStyle(node: unknown): { color: string; backgroundColor: string };

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const handoffWording = JSON.parse(readFileSync(path.join(__dirname, '../../dialogs/handoffWording.json'), 'utf8')) as { replies: Record<string, string> };

let harness: ConsoleHarness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (npm test's pretest does when it may)`);
  harness = await startConsoleHarness();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function open(url: string): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void window.reportViolation(event.violatedDirective);
    });
  });
  await page.goto(url);
  return { page, violations };
}

/** The first words of a wording text, matching Web Chat's typographic apostrophes too. */
function startOf(text: string): RegExp {
  const words = text.split(' ').slice(0, 6).join(' ');
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

/** Asks for a person from a new patient page, after `before` (typed messages) when given. */
async function patientAsksForPerson(before: string[] = []): Promise<{ page: Page; violations: string[] }> {
  const patient = await open(`${harness.url}/`);
  const chat = patient.page;
  const input = chat.getByRole('textbox', { name: 'Message input box' });
  for (const message of before) {
    await input.fill(message);
    await input.press('Enter');
  }
  await chat.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Talk to a person' }).last().click();
  await chat.getByText(startOf(handoffWording.replies['started'] ?? '')).first().waitFor();
  return patient;
}

describe('a patient handed to a person and back', () => {
  it('announces new conversations, puts an emergency first, and lets the agent turn the sound off', async () => {
    const agent = await open(`${harness.url}/agent`);
    const desk = agent.page;
    await desk.getByLabel('Your name (the patient sees it)').fill('Robin');
    await desk.getByLabel('Access token').fill(consoleToken);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByText('Nobody is waiting.').waitFor();
    const baseTitle = await desk.title();
    expect(baseTitle).not.toMatch(/^\(\d+\)/);

    await patientAsksForPerson();
    await desk.getByText('A new conversation is waiting.').waitFor();
    expect(await desk.title()).toBe(`(1) ${baseTitle}`);

    await patientAsksForPerson(['I suddenly lost control of my bladder']);
    await desk.getByText('A new emergency is waiting: it is first in the queue.').waitFor();
    expect(await desk.title()).toBe(`(2) ${baseTitle}`);
    const first = desk.locator('#queue-list > li').first();
    expect(await first.getAttribute('class')).toBe('emergency');
    expect(await first.locator('.reason').textContent()).toBe('Emergency: the patient described loss of bladder or bowel control');
    expect(await first.locator('.reason').evaluate((node) => getComputedStyle(node).color)).toBe('rgb(164, 38, 44)');
    await desk.screenshot({ path: screenshotPath('agent-console-emergency') });

    const sound = desk.getByLabel('Sound for new conversations');
    expect(await sound.isChecked()).toBe(true);
    await sound.uncheck();
    await desk.reload();
    await desk.getByText('Emergency: the patient described loss of bladder or bowel control').waitFor();
    expect(await desk.getByLabel('Sound for new conversations').isChecked()).toBe(false);
    expect(agent.violations).toEqual([]);
    await desk.context().close();
  }, 180_000);

  it('relays a suggested quote with its citation and returns to the bot', async () => {
    const patient = await patientAsksForPerson();
    const chat = patient.page;

    const agent = await open(`${harness.url}/agent`);
    const desk = agent.page;
    await desk.getByLabel('Your name (the patient sees it)').fill('Alex');
    await desk.getByLabel('Access token').fill(consoleToken);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByText('The patient asked for a person').first().waitFor();
    await desk.getByRole('button', { name: 'Take' }).last().click();
    await desk.getByText('You are chatting with the patient.').waitFor();
    await chat.getByText(/Alex from .* has joined the chat/).first().waitFor();

    const input = chat.getByRole('textbox', { name: 'Message input box' });
    // A staff message is set apart from the assistant's on the patient's page: name, role, its own colours.
    await desk.getByLabel('Message to the patient').fill('Hello, I can help.');
    await desk.getByRole('button', { name: 'Send', exact: true }).click();
    const staffHeading = chat.getByRole('heading', { name: 'Alex (clinic staff)' });
    await staffHeading.waitFor();
    const bubbleColour = (text: RegExp) =>
      chat.locator('.webchat__bubble__content').filter({ hasText: text }).last().evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(await bubbleColour(/Hello, I can help\./)).not.toBe(await bubbleColour(/has joined the chat/));

    // A list quote keeps its lines in the console.
    await input.fill('what are the benefits?');
    await input.press('Enter');
    const listQuote = desk.locator('.suggestion blockquote').filter({ hasText: '•' }).first();
    await listQuote.waitFor();
    expect((await listQuote.innerText()).split('\n').filter((line) => line.includes('•')).length).toBeGreaterThan(1);

    await input.fill('how long does kyphoplasty take?');
    await input.press('Enter');
    const asked = desk.locator('#transcript > li.patient').filter({ hasText: 'how long does kyphoplasty take?' }).last();
    const send = asked.getByRole('button', { name: 'Send this quote' }).first();
    await send.waitFor();
    const suggested = (await asked.locator('.suggestion blockquote').first().textContent()) ?? '';
    expect(suggested.length).toBeGreaterThan(0);
    await desk.screenshot({ path: screenshotPath('agent-console') });
    await send.click();
    // The console shows the quote it sent as a quote, under the agent's line, never as Markdown.
    const sentQuote = desk.locator('#transcript > li.agent blockquote').last();
    await sentQuote.waitFor();
    expect(await sentQuote.textContent()).toBe(suggested);
    expect(await desk.locator('#transcript').textContent()).not.toMatch(/^> |\[1\]:/m);

    const quote = chat.locator('blockquote').first();
    await quote.waitFor();
    const citation = quote.locator('button.webchat__render-markdown__citation').first();
    expect(await citation.textContent()).toBe('1');
    const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
    expect(plain(await quote.innerText())).toContain(plain(suggested).slice(0, 40));
    // The quote the agent sent carries the agent's name.
    expect(await chat.getByRole('heading', { name: 'Alex (clinic staff)' }).count()).toBe(2);
    await chat.screenshot({ path: screenshotPath('handoff-patient') });

    await desk.getByRole('button', { name: 'Hand back to the assistant' }).click();
    await chat.getByText(startOf(handoffWording.replies['handedBack'] ?? '')).first().waitFor();
    await input.fill('what is PMMA?');
    await input.press('Enter');
    await expect.poll(() => chat.locator('blockquote').count(), { timeout: 15_000 }).toBeGreaterThan(1);

    expect(agent.violations).toEqual([]);
    expect(patient.violations.every((directive) => directive === 'style-src-elem')).toBe(true);
    // One story across two browsers and several polls: room for a busy machine running the whole suite.
  }, 180_000);
});
