// Check-ins in the browser, two partners on two devices: Ana sets the
// schedule and Ben sees the next date on Today and the page; Ana's agenda
// item stays hidden from Ben until she reveals it; Ben starts, Ana joins,
// and they talk one item at a time (the listener paraphrases, the speaker
// says whether they felt heard; the turn timer counts down on playwright's
// clock, says gently when the time is up and passes the turn), then agree
// with a follow-up date and end; either partner marks an agreement done
// (both see who and when) and takes back only their own mark; the
// partner's moves (a revealed item, starting, ending) show without a
// reload, at a calm interval and when the page is looked at again, but
// never over words being written;
// an empty item and an empty agreement get a clear message. The .ics link
// downloads a calendar. axe finds nothing serious at phone and desktop
// size, and no page logs an error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkPage, coupleSuite, holdClock } from './harness.mjs';

describe('check-ins for two', { timeout: 240000 }, () => {
  let server;
  let browser;
  let ana;
  let ben;
  coupleSuite((s) => ({ server, browser, ana, ben } = s));

  const section = (page, name) => page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });

  test('the schedule is set once for both; the next date shows on the page and on Today; the .ics downloads', async () => {
    const { page } = ana;
    await page.goto('/today');
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('link', { name: 'Check-ins' }).click();
    await page.waitForURL('**/checkins');
    const sched = section(page, 'When you talk');
    await sched.getByText('No schedule yet').waitFor();
    await sched.locator('summary', { hasText: 'Set the schedule' }).click();
    await sched.getByLabel('How often').selectOption('monthly');
    await sched.getByLabel('Which one in the month').selectOption('last');
    await sched.getByLabel('Day').selectOption('thursday');
    await sched.getByLabel('Time', { exact: true }).fill('20:00');
    await sched.getByLabel('Time zone').fill('Mars/Olympus');
    await sched.getByRole('button', { name: 'Save the schedule' }).click();
    await sched.getByText('zone must be a time zone name').waitFor();
    await sched.getByLabel('Time zone').fill('Europe/London');
    await sched.getByRole('button', { name: 'Save the schedule' }).click();
    await sched.getByText('Check-ins are the last Thursday of the month at 20:00 (Europe/London).').waitFor();
    const next = await sched.getByTestId('next-checkin').textContent();
    assert.match(next, /Next check-in: Thursday \d+ \w+ at 20:00/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      sched.getByRole('link', { name: 'Add to your calendar (.ics)' }).click(),
    ]);
    const ics = readFileSync(await download.path(), 'utf8');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /RRULE:FREQ=MONTHLY;BYDAY=-1TH\r\n/);
    assert.match(ics, /DTSTART;TZID=Europe\/London:\d{8}T200000\r\n/);
    await checkPage(page, 'checkins-schedule');
    await ben.page.goto('/today');
    await ben.page.getByTestId('checkin-card').getByText(/Next check-in: Thursday/).waitFor();
    await checkPage(ben.page, 'checkins-today');
  });

  test('an agenda item stays hidden from the partner until revealed', async () => {
    const { page } = ana;
    const agenda = section(page, 'Your agenda');
    await agenda.locator('summary', { hasText: 'Add to your agenda' }).click();
    await agenda.getByRole('button', { name: 'Add', exact: true }).click();
    await agenda.getByText('Write a few words first.').waitFor();
    await page.locator('#checkin-statement').fill('Thank you for cooking all week');
    await agenda.getByRole('button', { name: 'Add', exact: true }).click();
    await agenda.locator('.item--mine', { hasText: 'Thank you for cooking all week' }).getByText('Only you see this').waitFor();
    await agenda.locator('summary', { hasText: 'Add to your agenda' }).click();
    await agenda.getByLabel('Topic').selectOption('concern');
    // the coach reads what is about to go to the partner, and never stops it
    await page.locator('#checkin-statement').fill('You never plan anything for Sundays');
    await agenda.getByTestId('coach').locator('.coach-finding').first().waitFor();
    await page.locator('#checkin-statement').fill('Our Sundays feel rushed');
    await agenda.getByRole('button', { name: 'Add', exact: true }).click();
    await agenda.locator('.item--mine', { hasText: 'Our Sundays feel rushed' }).waitFor();
    await ben.page.goto('/checkins');
    await section(ben.page, 'Your agenda').getByText('Ana has not revealed any yet.').waitFor();
    assert.equal(await ben.page.getByText('cooking all week').count(), 0);
    await agenda.locator('.item--mine', { hasText: 'cooking all week' }).getByRole('button', { name: 'Reveal now' }).click();
    await agenda.locator('.item--mine', { hasText: 'cooking all week' }).getByText('Revealed').waitFor();
    await ben.page.reload();
    await section(ben.page, 'Your agenda').locator('.item--theirs', { hasText: 'cooking all week' }).waitFor();
    assert.equal(await ben.page.getByText('Sundays feel rushed').count(), 0, 'the held item stays hidden');
    await checkPage(page, 'checkins-agenda');
  });

  test('Ben starts, Ana joins; one item at a time, the listener paraphrases and the speaker felt heard', async () => {
    const talkB = section(ben.page, 'The talk');
    await talkB.getByRole('button', { name: 'Start the check-in' }).click();
    await talkB.getByText('Waiting for Ana to join').waitFor();
    assert.equal(await ben.page.getByText('Sundays feel rushed').count(), 0, 'still hidden before Ana joins');
    const { page } = ana;
    await page.reload();
    const talk = section(page, 'The talk');
    await talk.getByRole('button', { name: 'Join the check-in' }).click();
    const item = talk.getByTestId('talk-item');
    await item.getByText('Item 1 of 2').waitFor();
    await item.getByText('You speak.').waitFor();
    await item.getByRole('button', { name: 'Start 3 minutes' }).waitFor();
    // felt heard is asked once Ben has said back what he heard
    await item.getByText('When Ben has said back what they heard, you say here whether you felt heard.').waitFor();
    assert.equal(await item.getByRole('button', { name: 'Yes, I felt heard' }).count(), 0);
    await ben.page.reload();
    const itemB = section(ben.page, 'The talk').getByTestId('talk-item');
    await itemB.getByText('You listen.').waitFor();
    await itemB.getByLabel('What you heard').fill('You noticed the cooking and it mattered to you');
    await itemB.getByRole('button', { name: 'Say it back' }).click();
    await itemB.getByText('You noticed the cooking and it mattered to you').waitFor();
    await page.reload();
    await section(page, 'The talk').getByTestId('talk-item').getByText('Ben heard:').waitFor();
    await section(page, 'The talk').getByRole('button', { name: 'Yes, I felt heard' }).click();
    await section(page, 'The talk').getByText('You felt heard.').waitFor();
    assert.equal(await section(page, 'The talk').getByText('Did you feel heard?').count(), 0, 'answered: not asked again');
    await section(page, 'The talk').getByRole('button', { name: 'Next' }).click();
    await section(page, 'The talk').getByText('Our Sundays feel rushed').waitFor();
    await checkPage(page, 'checkins-talk');
  });

  test('the turn timer counts down on the clock, says gently when the time is up, and passes the turn as it says', async () => {
    const { page } = ana;
    // Ana's device on playwright's clock from here, held still: no waiting
    await holdClock(page);
    await page.reload();
    const item = section(page, 'The talk').getByTestId('talk-item');
    await item.getByText('Item 1 of 2').waitFor();
    const timer = item.getByTestId('turn-timer');
    const time = () => timer.getByRole('timer').textContent();
    await timer.getByText('You speak', { exact: true }).waitFor();
    assert.equal(await time(), '3:00');
    await timer.getByRole('button', { name: 'Start 3 minutes' }).click();
    await timer.getByRole('button', { name: 'Stop' }).waitFor();
    await page.clock.runFor(61000);
    assert.equal(await time(), '1:59');
    // a note saved meanwhile redraws the talk: the countdown goes on where it was
    await item.getByLabel('A note').fill('We both like slow mornings');
    await item.getByRole('button', { name: 'Add the note' }).click();
    await item.getByText('We both like slow mornings').waitFor();
    assert.equal(await time(), '1:59');
    await page.clock.runFor(60000);
    assert.equal(await time(), '0:59');
    await page.clock.runFor(59000);
    assert.equal(await time(), '0:00');
    await timer.getByRole('status')
      .getByText('Time is up. Finish your thought, then it is Ben\u2019s turn to say back what they heard.').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no alarm');
    // the turn passes as the page said: Ben says back what he heard, for three minutes
    await timer.getByRole('button', { name: 'Start Ben\u2019s turn' }).click();
    await timer.getByText('Ben says back what they heard').waitFor();
    assert.equal(await time(), '3:00');
    assert.equal(await timer.getByRole('status').textContent(), '');
    await page.clock.runFor(1000);
    assert.equal(await time(), '2:59');
    await page.clock.runFor(179000);
    assert.equal(await time(), '0:00');
    await timer.getByText('Time is up. When Ben has finished, it is your turn again: did you feel heard?').waitFor();
    await timer.getByRole('button', { name: 'Start your turn' }).click();
    await timer.getByText('You speak', { exact: true }).waitFor();
    // Stop ends the turn early and sets the time back
    await page.clock.runFor(5000);
    assert.equal(await time(), '2:55');
    await timer.getByRole('button', { name: 'Stop' }).click();
    assert.equal(await time(), '3:00');
    await page.clock.runFor(5000);
    assert.equal(await time(), '3:00', 'a stopped timer stays put');
    // the next item starts afresh with its own speaker
    await timer.getByRole('button', { name: 'Start 3 minutes' }).click();
    await page.clock.runFor(3000);
    await item.getByRole('button', { name: 'Next' }).click();
    await item.getByText('Item 2 of 2').waitFor();
    assert.equal(await time(), '3:00');
    await timer.getByRole('button', { name: 'Start 3 minutes' }).waitFor();
    await page.clock.runFor(5000);
    assert.equal(await time(), '3:00', 'the first item\u2019s countdown does not carry over');
    await page.clock.resume();
    await checkPage(page, 'checkins-timer');
    // on the listener's device the same item is the speaker's turn first
    await ben.page.reload();
    const timerB = section(ben.page, 'The talk').getByTestId('turn-timer');
    await timerB.getByText('Ana speaks', { exact: true }).waitFor();
  });

  test('agreements need words; a past follow-up is saved with a warning; ending moves it to history', async () => {
    const { page } = ana;
    const talk = section(page, 'The talk');
    await talk.getByRole('button', { name: 'Add the agreement' }).click();
    await talk.getByText('Write a few words first.').waitFor();
    await talk.getByLabel('What will be done').fill('A slow breakfast every Sunday');
    await talk.getByLabel('Who does it').selectOption('both');
    await talk.getByLabel(/Follow up on/).fill('2020-01-05');
    await talk.getByRole('button', { name: 'Add the agreement' }).click();
    await page.getByText('That follow-up date is in the past; the agreement is saved.').waitFor();
    await talk.locator('.item', { hasText: 'A slow breakfast every Sunday' }).getByText(/^Both of you · follow up Sun,? 5 Jan 2020$/).waitFor();
    await checkPage(page, 'checkins-agreement');
    await talk.getByRole('button', { name: 'End the check-in' }).click();
    await talk.getByRole('button', { name: 'Start the check-in' }).waitFor();
    await section(page, 'Past check-ins').getByText('A slow breakfast every Sunday').waitFor();
    await ben.page.goto('/today');
    await ben.page.getByTestId('checkin-card').getByText('1 agreement to follow up.').waitFor();
    await ben.page.getByTestId('checkin-card').getByText('A slow breakfast every Sunday (Both of you)').waitFor();
  });

  test('either partner marks an agreement done; both see who did and when; each takes back only their own mark', async () => {
    const { page } = ben;
    await page.goto('/checkins');
    const agreement = (p, sec) => section(p, sec).getByTestId('agreement').filter({ hasText: 'A slow breakfast every Sunday' });
    // Ana wrote it; Ben marks it done from the agreements to follow up
    await agreement(page, 'Your agenda').getByRole('button', { name: 'Mark done' }).click();
    await agreement(page, 'Your agenda').waitFor({ state: 'detached' });
    const past = agreement(page, 'Past check-ins');
    await past.getByText(/You marked it done on \w{3},? \d{1,2} \w{3}$/).waitFor();
    assert.equal(await past.getByRole('button', { name: 'Mark done' }).count(), 0);
    await checkPage(page, 'checkins-agreement-done');
    // Ana sees who marked it and when, and has no mark of her own to take back
    await ana.page.goto('/checkins');
    const pastA = agreement(ana.page, 'Past check-ins');
    await pastA.getByText(/Ben marked it done on \w{3},? \d{1,2} \w{3}$/).waitFor();
    assert.equal(await pastA.getByRole('button', { name: 'Not done after all' }).count(), 0);
    assert.equal(await agreement(ana.page, 'Your agenda').count(), 0, 'no longer due for Ana either');
    await ana.page.goto('/today');
    await ana.page.getByTestId('checkin-card').waitFor();
    assert.equal(await ana.page.getByTestId('checkin-card').getByText('to follow up').count(), 0);
    // Ben takes his mark back: due again
    await past.getByRole('button', { name: 'Not done after all' }).click();
    await agreement(page, 'Your agenda').getByRole('button', { name: 'Mark done' }).waitFor();
    assert.equal(await past.getByText('marked it done').count(), 0);
  });

  test('what the partner does shows without a reload: on a calm interval and when the page is looked at again, never over words being written', async () => {
    const { page } = ana;
    // Ana's device is on playwright's clock (since the timer test): hold it still
    await page.goto('/checkins');
    const talk = section(page, 'The talk');
    const agenda = section(page, 'Your agenda');
    await talk.getByRole('button', { name: 'Start the check-in' }).waitFor();
    await holdClock(page);
    await ben.page.goto('/checkins');
    await section(ben.page, 'The talk').getByRole('button', { name: 'Start the check-in' }).click();
    await section(ben.page, 'The talk').getByText('Waiting for Ana to join').waitFor();
    // with no check-in under way Ana's page asks every half minute
    await page.clock.runFor(30000);
    await talk.getByRole('button', { name: 'Join the check-in' }).waitFor();
    await talk.getByText('Ben has started. Joining opens your agenda for both of you.').waitFor();
    // Ana writes on her agenda; Ben reveals an item of his meanwhile
    await agenda.locator('summary', { hasText: 'Add to your agenda' }).click();
    await page.locator('#checkin-statement').fill('Half-written thought');
    const agendaB = section(ben.page, 'Your agenda');
    await agendaB.locator('summary', { hasText: 'Add to your agenda' }).click();
    await ben.page.locator('#checkin-statement').fill('Plan the spring trip together');
    await agendaB.getByRole('button', { name: 'Add', exact: true }).click();
    const benItem = agendaB.locator('.item--mine', { hasText: 'Plan the spring trip together' });
    await benItem.getByRole('button', { name: 'Reveal now' }).click();
    await benItem.getByText('Revealed').waitFor();
    // a check-in is under way: the page asks every ten seconds, and the
    // revealed item shows under the form Ana is writing in, which stays as it was
    assert.equal(await agenda.locator('.item--theirs', { hasText: 'spring trip' }).count(), 0);
    await page.clock.runFor(10000);
    await agenda.locator('.item--theirs', { hasText: 'Plan the spring trip together' }).waitFor();
    assert.equal(await page.locator('#checkin-statement').inputValue(), 'Half-written thought');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'checkin-statement', 'the focus stays');
    assert.equal(await agenda.locator('details.add').getAttribute('open'), '');
    // looked at again (the tab shown, the window focused): asked at once, no clock
    await agendaB.locator('summary', { hasText: 'Add to your agenda' }).click();
    await ben.page.locator('#checkin-statement').fill('Thank you for the flowers');
    await agendaB.getByRole('button', { name: 'Add', exact: true }).click();
    const second = agendaB.locator('.item--mine', { hasText: 'Thank you for the flowers' });
    await second.getByRole('button', { name: 'Reveal now' }).click();
    await second.getByText('Revealed').waitFor();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await agenda.locator('.item--theirs', { hasText: 'Thank you for the flowers' }).waitFor();
    // the talk, which Ana is not writing in, follows Ben: he ends it
    await section(ben.page, 'The talk').getByRole('button', { name: 'End the check-in' }).click();
    await section(ben.page, 'The talk').getByRole('button', { name: 'Start the check-in' }).waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await talk.getByRole('button', { name: 'Start the check-in' }).waitFor();
    assert.equal(await page.locator('#checkin-statement').inputValue(), 'Half-written thought');
    // words half-written in the talk itself are never drawn over
    await talk.getByRole('button', { name: 'Start the check-in' }).click();
    const what = talk.getByLabel('What will be done');
    await what.fill('Half an agreement');
    await ben.page.reload();
    await section(ben.page, 'The talk').getByRole('button', { name: 'Join the check-in' }).click();
    await section(ben.page, 'The talk').getByRole('button', { name: 'End the check-in' }).click();
    await section(ben.page, 'The talk').getByRole('button', { name: 'Start the check-in' }).waitFor();
    // asked on the interval and on being looked at again, the answer left undrawn
    const asked = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/checkin/current');
    let answered = asked();
    await page.clock.runFor(10000);
    await answered;
    answered = asked();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await answered;
    await page.evaluate(() => Promise.resolve());
    assert.equal(await what.inputValue(), 'Half an agreement', 'the words are kept');
    assert.equal(await talk.getByRole('button', { name: 'Start the check-in' }).count(), 0);
    // once the words are gone, the page catches up
    await what.fill('');
    await what.blur();
    await page.clock.runFor(10000);
    await talk.getByRole('button', { name: 'Start the check-in' }).waitFor();
    await page.clock.resume();
    await checkPage(page, 'checkins-revealed-live');
  });
});
