// Shared by the HTTP API tests: start the real `dyad serve` on a fresh data
// folder and a free loopback port, and talk to it like the browser app does
// (cookie + X-CSRF-Token).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync, renameSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.DYAD_BIN || join(ROOT, 'build', 'dyad');

// How long a server may take to say it listens (a sanitizer build is slow).
const START_MS = 30000;

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/*
 * The server's test clock (DYAD_TEST_CLOCK): a file holding "now" in epoch
 * seconds, which the server reads whenever it needs the time. Starts at the
 * real time, so that a server on the real clock sharing the database agrees
 * with it. set() replaces the file whole (write, then rename), so the
 * server never reads half a number.
 */
/*
 * The server shuts down every connection whose next request's headers are
 * overdue by its clock (the header deadline, 10 s), so a test clock moved
 * on overdue-s the connections fetch keeps alive between requests: the
 * next request could go out on a socket the server is shutting down and
 * fail with "other side closed". Every move of a test clock therefore
 * sends the requests after it on new connections: fetch's pool (Node's
 * global undici dispatcher) is replaced, and the old one closes once its
 * requests in flight are answered.
 */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
function freshConnections() {
  const old = globalThis[DISPATCHER];
  if (!old) return;
  globalThis[DISPATCHER] = new old.constructor();
  old.close().catch(() => {});
}

export class TestClock {
  constructor(start = Math.floor(Date.now() / 1000)) {
    this.dir = mkdtempSync(join(tmpdir(), 'dyad-clock-'));
    this.file = join(this.dir, 'now');
    this.set(start);
  }

  set(seconds) {
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`bad clock value ${seconds}`);
    const tmp = `${this.file}.new`;
    writeFileSync(tmp, `${seconds}\n`);
    renameSync(tmp, this.file);
    this.now = seconds;
    freshConnections();
  }

  advance(seconds) {
    this.set(this.now + seconds);
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/* GET /healthz over HTTPS, trusting ca; resolves the status code. */
function httpsHealthz(port, ca) {
  return new Promise((ok, fail) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/healthz', ca, servername: 'localhost' }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode));
    });
    req.on('error', fail);
    req.end();
  });
}

/*
 * Start a server. opts.args: extra `serve` arguments; opts.data: reuse a
 * data folder (kept); opts.keep: keep the new data folder; opts.clock: true
 * for a test clock of its own (removed at stop), or a TestClock to share;
 * opts.tls: { cert, key, ca } to serve HTTPS; opts.env: more environment. Resolves { url, proc, data,
 * clock, exit, log(), waitForLog(re), stop() } once the server has said it
 * listens and /healthz answers 200; rejects (and kills the process) when it
 * exits first, never says so, or is not healthy.
 */
export async function startServer(opts = {}) {
  const data = opts.data || mkdtempSync(join(tmpdir(), 'dyad-api-'));
  const port = await freePort();
  const scheme = opts.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}`;
  const args = ['--data', data, 'serve', '--listen', `127.0.0.1:${port}`, ...(opts.args || [])];
  if (opts.tls) args.push('--tls-cert', opts.tls.cert, '--tls-key', opts.tls.key);
  const env = { ...process.env, ...(opts.env || {}) };
  delete env.DYAD_TEST_CLOCK;
  let clock = null;
  if (opts.clock) {
    clock = opts.clock instanceof TestClock ? opts.clock : new TestClock();
    env.DYAD_TEST_CLOCK = clock.file;
  }
  const ownClock = clock !== null && clock !== opts.clock;
  // opts.wrap: a command the server runs under (e.g. valgrind and its options)
  const proc = opts.wrap ? spawn(opts.wrap[0], [...opts.wrap.slice(1), BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env })
    : spawn(BIN, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  let exited = null;
  const waiters = new Set();
  const settle = () => {
    for (const w of waiters) {
      if (w.re.test(stderr)) w.ok(stderr);
      else if (exited) w.fail(new Error(`server exited (${JSON.stringify(exited)}) before its log matched ${w.re}: ${stderr}`));
    }
  };
  proc.stderr.on('data', (d) => { stderr += d; settle(); });
  // 'close', not 'exit': by then all of stderr has been read
  const exit = new Promise((ok) => proc.on('close', (code, signal) => { exited = { code, signal }; settle(); ok(exited); }));

  // Resolves the whole log once it matches re; rejects when the server
  // exits first or after ms.
  const waitForLog = (re, ms = START_MS) => new Promise((ok, fail) => {
    const w = {
      re,
      ok: (v) => { clearTimeout(w.timer); waiters.delete(w); ok(v); },
      fail: (e) => { clearTimeout(w.timer); waiters.delete(w); fail(e); },
    };
    w.timer = setTimeout(() => w.fail(new Error(`no log line matching ${re} within ${ms} ms: ${stderr}`)), ms);
    waiters.add(w);
    settle();
  });

  const cleanup = () => {
    if (!opts.data && !opts.keep) rmSync(data, { recursive: true, force: true });
    if (ownClock) clock.remove();
  };
  try {
    await waitForLog(/^dyad: serving /m, opts.startMs || START_MS);
    const status = opts.tls ? await httpsHealthz(port, opts.tls.ca) : (await fetch(`${url}/healthz`)).status;
    if (status !== 200) throw new Error(`GET /healthz answered ${status}: ${stderr}`);
  } catch (e) {
    if (!exited) proc.kill('SIGKILL');
    await exit;
    cleanup();
    throw e;
  }
  const server = {
    url, proc, data, clock, exit, waitForLog,
    log: () => stderr,
    // SIGTERM and wait; resolves the exit { code, signal }
    async stop(signal = 'SIGTERM') {
      if (!exited) proc.kill(signal);
      const res = await exit;
      cleanup();
      // under ASan/UBSan (make asan) a finding ends up on stderr
      const finding = /(AddressSanitizer|LeakSanitizer|runtime error:)[^\n]*/.exec(stderr);
      if (finding) throw new Error(`sanitizer: ${finding[0]}\n${stderr.slice(-4000)}`);
      return res;
    },
  };
  return server;
}

/* A browser-like client: keeps the session cookie and the CSRF token. */
export class Client {
  constructor(url) {
    this.url = url;
    this.cookie = '';
    this.csrf = '';
  }

  // raw request; opts: { body (object → JSON), raw (string/Buffer), type, headers, csrf:false, cookie }
  async req(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    const cookie = opts.cookie !== undefined ? opts.cookie : this.cookie;
    if (cookie) headers.Cookie = cookie;
    if (opts.csrf !== false && this.csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = opts.csrfValue || this.csrf;
    let body;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    } else if (opts.raw !== undefined) {
      body = opts.raw;
      headers['Content-Type'] = opts.type || 'application/json';
    }
    if (opts.type !== undefined && body !== undefined) headers['Content-Type'] = opts.type;
    const res = await fetch(this.url + path, { method, headers, body, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && opts.keepCookie !== false) {
      // "dyad_session", or "__Host-dyad_session" when the cookie is Secure
      const m = /^((?:__Host-)?dyad_session)=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[2] ? `${m[1]}=${m[2]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (json && typeof json.csrf === 'string') this.csrf = json.csrf;
    if (res.headers.get('x-csrf-token')) this.csrf = res.headers.get('x-csrf-token');
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, body, opts = {}) { return this.req('POST', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.req('PUT', path, { ...opts, body }); }
  del(path, opts) { return this.req('DELETE', path, opts); }
}

export const PASS_A = 'ana passphrase 1';
export const PASS_B = 'ben passphrase 2';

/* A space with both partners: { a, b } logged-in clients. */
export async function couple(url) {
  const a = new Client(url);
  const b = new Client(url);
  let r = await a.post('/api/v1/space', { label: 'Us', name: 'Ana', passphrase: PASS_A });
  if (r.status !== 201) throw new Error(`space: ${r.status} ${r.text}`);
  r = await a.post('/api/v1/invites');
  if (r.status !== 201) throw new Error(`invite: ${r.status} ${r.text}`);
  r = await b.post('/api/v1/join', { code: r.json.code, name: 'Ben', passphrase: PASS_B });
  if (r.status !== 201) throw new Error(`join: ${r.status} ${r.text}`);
  return { a, b };
}

/* Assert the error shape {"error":{"code","message"}}. */
export function isErrorShape(json) {
  return json !== null && typeof json === 'object' && json.error !== null && typeof json.error === 'object' &&
    typeof json.error.code === 'string' && json.error.code.length > 0 &&
    typeof json.error.message === 'string' && json.error.message.length > 0;
}

/* The corpus of JSON parser tests, beside the clone (CI has shared/ there):
 * ../shared/corpora/JSONTestSuite/test_parsing. Missing is an error, not a
 * reason to skip. */
export function jsonSuiteDir() {
  const dir = resolve(ROOT, '..', 'shared', 'corpora', 'JSONTestSuite', 'test_parsing');
  if (!existsSync(dir)) throw new Error(`JSONTestSuite is missing: expected it at ${dir} (see shared/corpora/README.md)`);
  return dir;
}

/*
 * Open a raw connection to port (from localAddress, a loopback address
 * such as 127.0.0.9, when given) and send head (request line and headers).
 * Resolves { send(bytes), seen(re), got(), response, close() } once
 * connected: seen(re) resolves when what the server sent so far matches re;
 * response resolves everything the server sent, once it closes the
 * connection.
 */
export function rawConnection(port, head, localAddress) {
  return new Promise((ok, fail) => {
    let got = '';
    const waiters = [];
    const sock = connect({ port: Number(port), host: '127.0.0.1', localAddress });
    const response = new Promise((done) => sock.on('close', () => {
      for (const w of waiters) w.fail(new Error(`the connection closed before ${w.re}: ${got}`));
      done(got);
    }));
    sock.on('data', (d) => {
      got += d.toString('latin1');
      for (const w of [...waiters]) {
        if (w.re.test(got)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.ok(got);
        }
      }
    });
    sock.on('error', fail);
    sock.setTimeout(30000, () => sock.destroy(new Error(`no answer within 30 s: ${got}`)));
    sock.on('connect', () => {
      sock.write(head);
      ok({
        send: (bytes) => sock.write(bytes),
        got: () => got,
        close: () => sock.destroy(),
        seen: (re) => new Promise((yes, no) => {
          if (re.test(got)) yes(got);
          else waiters.push({ re, ok: yes, fail: no });
        }),
        response,
      });
    });
  });
}
