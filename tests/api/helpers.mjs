// Shared by the HTTP API tests: start the real `dyad serve` on a fresh data
// folder and a free loopback port, and talk to it like the browser app does
// (cookie + X-CSRF-Token).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.DYAD_BIN || join(ROOT, 'build', 'dyad');

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/*
 * Start a server. opts.args: extra `serve` arguments; opts.data: reuse a
 * data folder. Resolves { url, proc, data, log(), stop() } once /healthz
 * answers; rejects when the process exits first.
 */
export async function startServer(opts = {}) {
  const data = opts.data || mkdtempSync(join(tmpdir(), 'dyad-api-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(BIN, ['--data', data, 'serve', '--listen', `127.0.0.1:${port}`, ...(opts.args || [])],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  let exited = null;
  const exit = new Promise((ok) => proc.on('exit', (code, signal) => { exited = { code, signal }; ok(exited); }));
  for (let i = 0; i < 200; i++) {
    if (exited) throw new Error(`server exited (${JSON.stringify(exited)}): ${stderr}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not yet listening */ }
    await sleep(25);
  }
  const server = {
    url, proc, data, exit,
    log: () => stderr,
    // SIGTERM and wait; resolves the exit { code, signal }
    async stop(signal = 'SIGTERM') {
      if (!exited) proc.kill(signal);
      const res = await exit;
      if (!opts.data && !opts.keep) rmSync(data, { recursive: true, force: true });
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
      const m = /dyad_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `dyad_session=${m[1]}` : '';
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

/* The corpus of JSON parser tests, beside the clone: ../shared/corpora/... */
export function jsonSuiteDir() {
  const candidates = [
    resolve(ROOT, '..', 'shared', 'corpora', 'JSONTestSuite', 'test_parsing'),
    '/work/shared/corpora/JSONTestSuite/test_parsing',
  ];
  return candidates.find((d) => existsSync(d)) || null;
}
