// A question for two in the browser, two partners on two devices: today's
// question is on both Todays; Ana answers and Ben sees only that she has;
// Ben answers and sees that Ana's opens when she next opens dyad; Ana's
// next page shows both; "Not today" hides the card in that browser and
// writes nothing to the server; an empty answer gets a clear message. axe
// finds nothing serious at phone and desktop size, and no page logs an
// error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, signedInCouple, startServer } from './harness.mjs';

describe('a question for two', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;
  let ben;
  let question;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [ana, ben] = await signedInCouple(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  const section = (page) => page.locator('section#question');

  test("today's question is on both Todays, the same", async () => {
    const a = ana.page.getByTestId('question-card');
    await a.getByText('Neither of you has answered yet.').waitFor();
    question = await a.locator('.question-text').textContent();
    assert.ok(question.length > 10);
    await ben.page.reload();
    await ben.page.getByTestId('question-card').locator('.question-text', { hasText: question }).waitFor();
    await checkPage(ana.page, 'question-today');
  });

  test('an empty answer gets a clear message; an answer is sealed and the partner learns only that it was given', async () => {
    const { page } = ana;
    await page.getByTestId('question-card').getByRole('link', { name: 'Answer' }).click();
    await page.waitForURL('**/boundaries#question');
    const sec = section(page);
    await sec.getByRole('button', { name: 'Answer' }).click();
    await sec.getByText('A few words first.').waitFor();
    await sec.getByLabel('Your answer').fill('Being believed when I say I am tired');
    await sec.getByRole('button', { name: 'Answer' }).click();
    await sec.getByText('Your answer is sealed until Ben answers.').waitFor();
    await sec.getByText('Being believed when I say I am tired').waitFor();
    await checkPage(page, 'question-sealed');

    await ben.page.goto('/today');
    const card = ben.page.getByTestId('question-card');
    await card.getByText('Ana has answered. Theirs opens when you answer.').waitFor();
    await ben.page.goto('/boundaries');
    await section(ben.page).getByText('Ana has answered.').waitFor();
    assert.equal(await ben.page.getByText('believed when I say').count(), 0, 'the held answer never reaches the partner');
  });

  test("the second answer opens the partner's at once and the first's at its author's next visit", async () => {
    const sec = section(ben.page);
    await sec.getByLabel('Your answer').fill('Knowing the evening is ours, without screens');
    await sec.getByRole('button', { name: 'Answer' }).click();
    await sec.getByText("Ana's answer opens when Ana next opens dyad.").waitFor();
    assert.equal(await ben.page.getByText('believed when I say').count(), 0);
    await ana.page.goto('/boundaries');
    const a = section(ana.page);
    await a.getByText('Both answers are open.').waitFor();
    await a.locator('.answer--theirs', { hasText: 'without screens' }).waitFor();
    await ben.page.reload();
    await section(ben.page).locator('.answer--theirs', { hasText: 'believed when I say' }).waitFor();
    await a.getByRole('button', { name: 'Talk about it at our check-in' }).click();
    await a.getByText('On your agenda for the next check-in.').waitFor();
    await a.getByRole('link', { name: 'Open the check-in agenda' }).click();
    await ana.page.waitForURL('**/checkins');
    await ana.page.getByText(question).first().waitFor();
    await ana.page.goto('/today');
    await ana.page.getByTestId('question-card').getByRole('link', { name: 'Read both answers' }).waitFor();
    await checkPage(ana.page, 'question-open');
  });

  test('"Not today" hides the card in this browser and writes nothing to the server', async () => {
    // a fresh couple's day: a new server, so that today's question is unanswered
    const other = await startServer();
    try {
      const [dev, partner] = await signedInCouple(browser, other.url);
      const card = dev.page.getByTestId('question-card');
      await card.getByRole('button', { name: 'Not today' }).click();
      await dev.page.getByText('Skipped for today. Nothing was saved.').waitFor();
      assert.equal(await card.count(), 0);
      await dev.page.reload();
      await dev.page.locator('main:not([aria-busy]) h1').waitFor();
      assert.equal(await dev.page.getByTestId('question-card').count(), 0, 'skipped stays skipped today');
      const r = await dev.page.evaluate(async () => (await fetch('/api/v1/answers')).json());
      assert.equal(r.answers.length, 0);
      await dev.context.close();
      await partner.context.close();
    } finally {
      await other.stop();
    }
  });
});
