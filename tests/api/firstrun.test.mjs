// The first run of `make run` on a new account: `dyad serve` with no
// --data, no DYAD_DATA and no XDG variables, in a HOME that has no
// ~/.local/share yet (or with XDG_DATA_HOME naming a folder that does not
// exist yet). The server makes the missing folders, the dyad folder 0700
// and the database 0600, and answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, freePort } from './helpers.mjs';

/* Start `dyad serve` with exactly env (plus PATH), wait until it says it
 * serves and /healthz answers, stop it; resolves { code, log }. */
async function serveOnce(env) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, ...env } });
  let log = '';
  let serving;
  const said = new Promise((ok) => { serving = ok; });
  proc.stderr.on('data', (d) => { log += d; if (/^dyad: serving /m.test(log)) serving(true); });
  const exit = new Promise((ok) => proc.on('close', (code) => { serving(false); ok(code); }));
  let health = 0;
  if (await said) {
    health = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    proc.kill('SIGTERM');
  }
  const code = await exit;
  return { code, log, health };
}

const mode = (p) => statSync(p).mode & 0o777;

test('serve with a fresh HOME and no XDG variables makes ~/.local/share/dyad (0700) and serves', async () => {
  const home = mkdtempSync(join(tmpdir(), 'dyad-home-'));
  try {
    assert.equal(existsSync(join(home, '.local')), false);
    const r = await serveOnce({ HOME: home });
    assert.equal(r.health, 200, r.log);
    assert.equal(r.code, 0, r.log);
    const dir = join(home, '.local', 'share', 'dyad');
    assert.match(r.log, new RegExp(`serving ${dir}/dyad\\.db`));
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(join(dir, 'dyad.db')), 0o600);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('serve with XDG_DATA_HOME naming a folder that does not exist yet makes it and serves', async () => {
  const home = mkdtempSync(join(tmpdir(), 'dyad-home-'));
  try {
    const xdg = join(home, 'not', 'yet', 'there');
    const r = await serveOnce({ HOME: home, XDG_DATA_HOME: xdg });
    assert.equal(r.health, 200, r.log);
    assert.equal(r.code, 0, r.log);
    assert.equal(mode(join(xdg, 'dyad')), 0o700);
    assert.equal(mode(join(xdg, 'dyad', 'dyad.db')), 0o600);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
