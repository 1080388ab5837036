/**
 * Handoff end to end in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): a
 * patient in Web Chat asks for a person, an agent signs in to the console, takes the conversation,
 * sends a suggested quote, the patient sees it with its citation, the agent hands back, and the bot
 * answers the patient's next question again. Both pages keep their Content-Security-Policy intact.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleToken, startConsoleHarness, type ConsoleHarness } from '../handoff/consoleHarness';

declare const document: { addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void };
declare const window: { reportViolation(directive: string): Promise<void> };

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

describe('a patient handed to a person and back', () => {
  it('relays a suggested quote with its citation and returns to the bot', async () => {
    const patient = await open(`${harness.url}/`);
    const chat = patient.page;
    await chat.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Talk to a person' }).click();
    await chat.getByText(startOf(handoffWording.replies['started'] ?? '')).first().waitFor();

    const agent = await open(`${harness.url}/agent`);
    const desk = agent.page;
    await desk.getByLabel('Your name (the patient sees it)').fill('Alex');
    await desk.getByLabel('Access token').fill(consoleToken);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByText('The patient asked for a person').waitFor();
    await desk.getByRole('button', { name: 'Take' }).first().click();
    await desk.getByText('You are chatting with the patient.').waitFor();
    await chat.getByText(/Alex from .* has joined the chat/).first().waitFor();

    const input = chat.getByRole('textbox', { name: 'Message input box' });
    await input.fill('how long does kyphoplasty take?');
    await input.press('Enter');
    const send = desk.getByRole('button', { name: 'Send this quote' }).first();
    await send.waitFor();
    const suggested = (await desk.locator('.suggestion').first().locator('div').nth(1).textContent()) ?? '';
    expect(suggested.length).toBeGreaterThan(0);
    await desk.screenshot({ path: '/tmp/spine-assistant-agent-console.png' });
    await send.click();

    const quote = chat.locator('blockquote').first();
    await quote.waitFor();
    const citation = quote.locator('button.webchat__render-markdown__citation').first();
    expect(await citation.textContent()).toBe('1');
    const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
    expect(plain(await quote.innerText())).toContain(plain(suggested).slice(0, 40));
    await chat.screenshot({ path: '/tmp/spine-assistant-handoff-patient.png' });

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
