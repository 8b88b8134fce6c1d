// Two partners in two browsers against the real server: set up, invite,
// join, write private and shared entries, and check that each sees only
// what they should. Every page is checked with axe-core and photographed
// at phone and desktop size (tests/e2e/output/).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, screenshots, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42', label: 'Ana & Sam' };
const B = { name: 'Sam', pass: 'quiet morning tea' };

let server;
let browser;
let ana; // {context, page, problems}
let sam;
let inviteLink;
const ids = {};

/* Screenshot at both sizes and require no serious/critical axe findings. */
async function check(device, name) {
  await checkPage(device.page, name);
}

/* The h1 of the page once the app has finished rendering it. */
async function heading(page) {
  await page.locator('main:not([aria-busy]) h1').first().waitFor();
  return (await page.locator('h1').first().textContent()).trim();
}

async function writeEntry(page, { title, text, share }) {
  await page.getByRole('link', { name: 'Journal' }).first().click();
  await page.getByRole('link', { name: 'Write', exact: true }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your entry').fill(text);
  if (share) await page.getByRole('switch').check();
  await page.getByRole('button', { name: share ? 'Save and share' : 'Save entry' }).click();
  await page.waitForURL(/\/journal\/[^/?]+$/);
  await page.locator('h1', { hasText: title }).waitFor();
  return new URL(page.url()).pathname.split('/').pop();
}

describe('two partners in the browser', { timeout: 240000 }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ana = await newDevice(browser, server.url);
    sam = await newDevice(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('a first visit leads to setting up the space', async () => {
    await ana.page.goto('/');
    await ana.page.waitForURL('**/setup');
    assert.equal(await heading(ana.page), 'Welcome to dyad');
    await check(ana, 'setup');
  });

  test('setup asks for the passphrase twice and explains a mismatch', async () => {
    const { page } = ana;
    await page.getByLabel('A name for your space').fill(A.label);
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
    await page.getByLabel('Passphrase again').fill('something else');
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.getByText('The two passphrases are not the same').waitFor();
    await page.getByLabel('Passphrase again').fill(A.pass);
    await page.getByRole('button', { name: 'Create our space' }).click();
  });

  test('the recovery code is shown once and must be acknowledged', async () => {
    const { page } = ana;
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    const code = (await page.getByTestId('recovery-code').textContent()).trim();
    assert.ok(code.length >= 8, `recovery code looks real: ${code}`);
    const go = page.getByRole('button', { name: 'Continue' });
    assert.equal(await go.isDisabled(), true);
    await check(ana, 'recovery');
    await page.getByLabel('I have written it down').check();
    assert.equal(await go.isDisabled(), false);
    await go.click();
  });

  test('partner A makes an invitation link', async () => {
    const { page } = ana;
    await page.getByRole('heading', { name: 'Invite your partner' }).waitFor();
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const field = page.getByLabel('Invitation link');
    await field.waitFor();
    inviteLink = await field.inputValue();
    assert.match(inviteLink, new RegExp(`^${server.url}/join#.+`));
    await check(ana, 'invite');
    await page.getByRole('link', { name: 'Go to Today' }).click();
    await page.waitForURL('**/today');
    assert.match(await heading(page), /, Ana\.$/);
    await page.getByText('Write in your journal today').waitFor();
    await check(ana, 'today-alone');
  });

  test('partner B joins from the link on their own device', async () => {
    const { page } = sam;
    await page.goto(inviteLink);
    assert.equal(await heading(page), 'Join your partner on dyad');
    await check(sam, 'join');
    await page.getByLabel('Your name').fill(B.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(B.pass);
    await page.getByLabel('Passphrase again').fill(B.pass);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/today');
    assert.match(await heading(page), /, Sam\.$/);
    await page.getByText('Nothing shared yet. When Ana shares an entry').waitFor();
    await check(sam, 'today-partner-empty');
  });

  test('an invitation link works only once, and says so before asking for anything', async () => {
    const other = await newDevice(browser, server.url);
    await other.page.goto(inviteLink);
    await other.page.getByTestId('join-problem').filter({ hasText: 'already been used' }).waitFor();
    assert.equal(await other.page.getByLabel('Passphrase', { exact: true }).count(), 0);
    assert.equal(other.page.url().includes('/today'), false);
    await other.context.close();
  });

  test('partner A writes one private and one shared entry', async () => {
    const { page } = ana;
    await page.goto('/journal');
    await page.getByText('Nothing here yet.').waitFor();
    await check(ana, 'journal-empty');
    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Your entry').waitFor();
    assert.equal(await page.getByRole('switch').isChecked(), false, 'sharing is off by default');
    await check(ana, 'write');

    ids.private = await writeEntry(page, { title: 'Only mine', text: 'I felt *tense* at dinner.\n\n- I noticed it\n- I let it pass' });
    await page.locator('.badge', { hasText: 'Only you' }).waitFor();
    await page.locator('.prose em', { hasText: 'tense' }).waitFor();
    await check(ana, 'entry-mine');

    ids.shared = await writeEntry(page, { title: 'For us both', text: 'I loved our walk by the river. **Thank you.**', share: true });
    await page.locator('.badge', { hasText: 'Shared' }).waitFor();
    await check(ana, 'entry-ours');

    await page.getByRole('link', { name: 'All entries' }).click();
    await page.locator('.entry-card').nth(1).waitFor();
    assert.equal(await page.locator('.entry-card').count(), 2);
    await check(ana, 'journal-mine');
  });

  test('leaving unsaved writing asks first', async () => {
    const { page } = ana;
    await page.goto('/journal?write=1');
    await page.getByLabel('Your entry').fill('Half a thought');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.getByRole('button', { name: 'Keep writing' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Your entry').inputValue(), 'Half a thought');
    await page.getByRole('link', { name: 'Today' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL('**/today');
    await heading(page);
  });

  test('partner B sees only the shared entry', async () => {
    const { page } = sam;
    await page.goto('/today');
    await page.getByRole('heading', { name: 'From Ana' }).waitFor();
    await page.locator('.entry-card', { hasText: 'For us both' }).waitFor();
    assert.equal(await page.getByText('Only mine').count(), 0);
    await check(sam, 'today-partner-shared');

    await page.goto('/journal');
    await page.locator('.entry-card').first().waitFor();
    assert.equal(await page.locator('.entry-card').count(), 1);
    assert.equal(await page.locator('.entry-card .entry-title').textContent(), 'For us both');
    await check(sam, 'journal-partner');

    await page.locator('.entry-card a').click();
    await page.locator('h1', { hasText: 'For us both' }).waitFor();
    await page.locator('.badge', { hasText: 'From Ana' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0, 'no editing a partner\'s entry');
    assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
    await check(sam, 'entry-theirs');
  });

  test('partner B cannot open partner A\'s private entry by its address', async () => {
    const { page } = sam;
    await page.goto(`/journal/${ids.private}`);
    assert.equal(await heading(page), 'Entry not found');
    const privateText = await page.locator('main').textContent();
    assert.equal(privateText.includes('tense'), false);
    await check(sam, 'entry-not-found');
    await page.goto('/journal/00000000-0000-4000-8000-000000000000');
    assert.equal(await heading(page), 'Entry not found');
    assert.equal(await page.locator('main').textContent(), privateText, 'private and missing look the same');
  });

  test('partner A edits an entry', async () => {
    const { page } = ana;
    await page.goto(`/journal/${ids.private}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Your entry').fill('I felt tense at dinner, and then calmer.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.prose', { hasText: 'and then calmer' }).waitFor();
    await page.getByText(/edited/).waitFor();
  });

  test('sharing and unsharing change what partner B can open', async () => {
    await ana.page.getByRole('button', { name: 'Share with Sam' }).click();
    await ana.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await ana.page.locator('.badge', { hasText: 'Shared' }).waitFor();
    await sam.page.goto(`/journal/${ids.private}`);
    await sam.page.locator('.prose', { hasText: 'and then calmer' }).waitFor();

    await ana.page.getByRole('button', { name: 'Stop sharing' }).click();
    await ana.page.getByRole('button', { name: 'Share with Sam' }).waitFor();
    await ana.page.locator('.badge', { hasText: 'Only you' }).waitFor();
    await sam.page.goto(`/journal/${ids.private}`);
    assert.equal(await heading(sam.page), 'Entry not found');
  });

  test('deleting asks first, and "Keep it" keeps it', async () => {
    const { page } = ana;
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this entry?' });
    await dialog.waitFor();
    await screenshots(page, 'delete-dialog');
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await heading(page), 'Only mine');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete entry' }).click();
    await page.waitForURL(/\/journal$/);
    await page.locator('.entry-card').first().waitFor();
    assert.equal(await page.locator('.entry-card').count(), 1);
    await page.goto(`/journal/${ids.private}`);
    assert.equal(await heading(page), 'Entry not found');
  });

  test('the filter shows mine and shared entries', async () => {
    const { page } = sam;
    await writeEntry(page, { title: 'Sam alone', text: 'Just for me. https://example.org/a-very-long-address-without-any-place-to-break-it-1234567890abcdef' });
    await page.goto('/journal?filter=shared');
    await page.locator('.entry-card').first().waitFor();
    assert.deepEqual(await page.locator('.entry-title').allTextContents(), ['For us both']);
    await page.locator('label', { hasText: /^Mine$/ }).click();
    await page.locator('.entry-title', { hasText: 'Sam alone' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.entry-title').length === 1);
    await page.locator('label', { hasText: /^All$/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.entry-title').length === 2);
    await check(sam, 'journal-both');
  });

  test('the journal list pages by cursor with "Load more", each entry once', async () => {
    const { page } = sam;
    const made = await page.evaluate(async () => {
      const { csrf } = await (await fetch('/api/v1/session')).json();
      let ok = 0;
      for (let i = 1; i <= 21; i += 1) {
        const res = await fetch('/api/v1/journal', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ title: `Note ${i}`, text: `Line ${i}` }),
        });
        if (res.status === 201) ok += 1;
      }
      return ok;
    });
    assert.equal(made, 21);
    await page.goto('/journal');
    await heading(page);
    assert.equal(await page.locator('.entry-card').count(), 20);
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('.entry-card').length === 23);
    await more.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.entry-title', { hasText: 'For us both' }).count(), 1);
    assert.equal(await page.locator('.count').textContent(), 'Showing all 23.');
    const links = await page.locator('.entry-card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 23);
    assert.equal(new Set(links).size, 23, 'no entry twice');
    assert.equal(await page.locator('.entry-title').first().textContent(), 'Note 21', 'newest first');
  });

  test('what people type is shown as text, never run as code', async () => {
    const { page } = sam;
    await writeEntry(page, {
      title: '<b>not bold</b>',
      text: 'Hello <img src="x" onerror="window.__pwned = 1"> and <script>window.__pwned = 2</script>\n\n[link](javascript:window.__pwned=3)',
    });
    assert.equal(await heading(page), '<b>not bold</b>');
    assert.equal(await page.locator('.prose img, .prose script').count(), 0);
    const link = page.locator('.prose a');
    if (await link.count()) assert.doesNotMatch(await link.getAttribute('href') || '', /^javascript:/i);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('nothing is "coming soon" any more: Check-ins has its own page, at /checkins and the old /more', async () => {
    const { page } = ana;
    for (const path of ['/more', '/checkins']) {
      await page.goto(path);
      assert.equal(await heading(page), 'Check-ins');
      assert.equal(await page.getByText('Coming soon').count(), 0);
    }
    await check(ana, 'checkins');
  });

  test('the navigation works from the keyboard on a phone', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/today');
    await page.getByText('You wrote in your journal today.').waitFor();
    const more = page.getByRole('button', { name: 'More' });
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await screenshots(page, 'nav-more');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('link', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings');
    assert.equal(await heading(page), 'Settings');
  });

  test('settings: export downloads my data', async () => {
    const { page } = ana;
    await check(ana, 'settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk;
    assert.ok(text.includes('For us both'), 'the export holds my entries');
  });

  test('settings: a wrong current passphrase changes nothing; the right one works', async () => {
    const { page } = ana;
    await page.getByLabel('Current passphrase').fill('not my passphrase');
    await page.getByLabel('New passphrase', { exact: true }).fill('a brand new phrase');
    await page.getByLabel('New passphrase again').fill('a brand new phrase');
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('That is not your current passphrase').waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByLabel('Current passphrase').fill(A.pass);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('Your passphrase is changed').waitFor({ timeout: KEY_DERIVATION_MS });
    A.pass = 'a brand new phrase';
  });

  test('logging out ends the session in the server and in the app', async () => {
    const { page } = ana;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    assert.equal(await heading(page), 'Log in');
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    await page.goto('/journal');
    await page.waitForURL('**/login');
    await check(ana, 'login');
  });

  test('logging in with a wrong passphrase says so; the right one opens Today', async () => {
    const { page } = ana;
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase').fill('wrong wrong wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That name and passphrase do not match').waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByLabel('Passphrase').fill(A.pass);
    await page.getByLabel('Passphrase').press('Enter');
    await page.waitForURL('**/today');
    assert.match(await heading(page), /, Ana\.$/);
  });

  test('a session that ends while in use leads back to the login page', async () => {
    const { page, context } = ana;
    await context.clearCookies();
    await page.getByRole('link', { name: 'Journal' }).first().click();
    await page.waitForURL('**/login');
    assert.equal(await heading(page), 'Log in');
    await page.getByText('You were logged out.').waitFor();
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase').fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
  });

  test('dark mode reads well too', async () => {
    const { page } = sam;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/journal');
    await page.locator('.entry-card').first().waitFor();
    await check(sam, 'dark-journal');
    await page.goto(`/journal/${ids.shared}`);
    await check(sam, 'dark-entry-theirs');
    for (const [path, name] of [['/today', 'dark-today'], ['/journal?write=1', 'dark-write'], ['/settings', 'dark-settings']]) {
      await page.goto(path);
      await check(sam, name);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('partner B can leave, and takes what they wrote with them', async () => {
    const { page } = sam;
    await writeEntry(page, { title: 'Sam shares this', text: 'For you, Ana.', share: true });
    await ana.page.goto('/journal?filter=shared');
    await ana.page.locator('.entry-title', { hasText: 'Sam shares this' }).waitFor();

    await page.goto('/settings');
    await heading(page);
    await page.getByLabel('Type your passphrase to confirm').fill('not it at all');
    await page.getByRole('button', { name: 'Leave and delete my data' }).click();
    await page.getByText('That passphrase is not right. Nothing was deleted.').waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByLabel('Type your passphrase to confirm').fill(B.pass);
    await page.getByRole('button', { name: 'Leave and delete my data' }).click();
    await page.waitForURL('**/login', { timeout: KEY_DERIVATION_MS });
    assert.equal(await heading(page), 'Log in');

    // what Ana had shared with Sam is private again, and still hers
    await ana.page.goto('/journal?filter=shared');
    await heading(ana.page);
    assert.equal(await ana.page.locator('.entry-title', { hasText: 'Sam shares this' }).count(), 0);
    assert.deepEqual(await ana.page.locator('.entry-title').allTextContents(), []);
    await ana.page.goto('/journal?filter=mine');
    await heading(ana.page);
    await ana.page.locator('.entry-title', { hasText: 'For us both' }).waitFor();
    assert.equal(await ana.page.locator('.entry-title', { hasText: 'Sam shares this' }).count(), 0);
    await ana.page.goto('/today');
    await ana.page.getByTestId('partner-left').waitFor();
    await ana.page.getByRole('heading', { name: 'Invite your partner' }).waitFor();
  });

  test('no page logged a script error or a CSP violation', () => {
    assert.deepEqual(ana.problems, []);
    assert.deepEqual(sam.problems, []);
  });
});
