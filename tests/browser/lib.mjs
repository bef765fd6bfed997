// tests/browser/lib.mjs: what the browser tests share: checks counted into
// "N passed, N failed", a fresh `akhbar serve --demo` on a free loopback
// port, and Debian's chromium through playwright-core.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const BIN = process.env.AKHBAR_BIN || resolve('build/akhbar');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = resolve('build/screenshots');

export const counts = { passed: 0, failed: 0 };

export function check(ok, what, why) {
    if (ok) {
        counts.passed++;
    } else {
        counts.failed++;
        console.log(`FAIL: ${what}${why ? ': ' + why : ''}`);
    }
}

// Run one named group of checks; an exception (timeout, crash) counts as one
// failure and the later groups still run.
export async function group(name, fn) {
    try {
        await fn();
    } catch (e) {
        check(false, name, String(e && e.message ? e.message.split('\n')[0] : e));
    }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
    return new Promise((res, rej) => {
        const s = createServer();
        s.unref();
        s.on('error', rej);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => res(port));
        });
    });
}

// Poll fn() every 50 ms until it returns true or ms pass; returns the last value.
export async function until(fn, ms) {
    const end = Date.now() + ms;
    for (;;) {
        const v = await fn();
        if (v || Date.now() > end)
            return v;
        await sleep(50);
    }
}

// Start `akhbar serve --demo` on dir/test.db; resolves to { proc, base, db }.
export async function startServer(dir) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const db = join(dir, 'test.db');
    let out = '';
    const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--demo',
                             '--access-log', 'off'], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    let exited = null;
    proc.on('exit', (code, sig) => { exited = sig || code; });
    proc.on('error', (e) => { exited = e.message; });
    const up = await until(async () => {
        if (exited !== null)
            return true;
        try {
            const r = await fetch(`${base}/static/style.css`);
            await r.arrayBuffer();
            return r.ok;
        } catch {
            return false;
        }
    }, 60000);
    if (!up || exited !== null)
        throw new Error(`server did not start (${exited ?? 'timeout'}): ${out.trim().slice(0, 500)}`);
    return { proc, base, db };
}

export async function stopServer(srv) {
    if (!srv || srv.proc.exitCode !== null || srv.proc.signalCode !== null)
        return;
    const gone = new Promise((r) => srv.proc.once('exit', r));
    srv.proc.kill('SIGTERM');
    const t = setTimeout(() => srv.proc.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
}

// `akhbar user add` with the password on stdin; throws when it fails.
export function addUser(db, role, login, password) {
    const r = spawnSync(BIN, ['user', 'add', '--db', db, '--role', role, login],
                        { input: password + '\n', encoding: 'utf8' });
    if (r.status !== 0)
        throw new Error(`user add ${login}: ${r.stderr}`);
}

export function launchChromium() {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}

// Watch a page for JavaScript errors and failed loads (favicon aside).
export function watch(page) {
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error' && !/favicon/.test(m.location().url || ''))
            errors.push(`console: ${m.text()}`);
    });
    // Loads the browser gives up (net::ERR_ABORTED) because the page moved on
    // are not failures of the site: a navigation the test interrupted, the
    // view beacon (/v/ID) of a page left before its image came back, and any
    // load begun before a later navigation of the page (a picture still
    // coming when the test went to the next page; under ASan the server is
    // slow enough for that). A server that fails answers otherwise (reset,
    // empty response, an error status).
    let navs = 0;
    const began = new WeakMap();
    page.on('request', (r) => {
        began.set(r, navs);
        if (r.isNavigationRequest() && r.frame() === page.mainFrame())
            navs++;
    });
    page.on('requestfailed', (r) => {
        const beacon = /^\/v\/[0-9]+$/.test(new URL(r.url()).pathname);
        const left = r.isNavigationRequest() || beacon || began.get(r) !== navs;
        const aborted = left && r.failure()?.errorText === 'net::ERR_ABORTED';
        if (!/favicon/.test(r.url()) && !aborted)
            errors.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    return errors;
}

// Run one browser test: a fresh database served by `akhbar serve --demo` and a
// browser, both always stopped; fn({ dir, srv, base, browser }) runs its groups.
// A run over limitMs counts as a failure. Ends with finish().
export async function run(prefix, fn, limitMs = 150000) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(SHOTS, { recursive: true });
    let srv = null;
    let browser = null;
    async function cleanup() {
        try { if (browser) await browser.close(); } catch { /* already gone */ }
        browser = null;
        await stopServer(srv);
        srv = null;
        rmSync(dir, { recursive: true, force: true });
    }
    const hardStop = setTimeout(() => {
        console.log(`FAIL: the run took longer than ${limitMs / 1000} s`);
        counts.failed++;
        cleanup().then(() => finish());
    }, limitMs);
    try {
        srv = await startServer(dir);
        browser = await launchChromium();
        await fn({ dir, srv, base: srv.base, browser });
    } catch (e) {
        check(false, 'setup', String(e && e.message ? e.message.split('\n')[0] : e));
    } finally {
        clearTimeout(hardStop);
        await cleanup();
    }
    finish();
}

// axe-core (npm) run inside the page: its source is evaluated through the
// DevTools protocol, which the site's Content-Security-Policy does not govern.
// Resolves to the list of violations, each "id: help (n nodes)".
let axeSource = null;
export async function axe(page) {
    if (axeSource === null)
        axeSource = readFileSync(resolve('tests/browser/node_modules/axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
    });
    return found;
}

// True when nothing scrolls sideways: the document is no wider than the viewport.
export async function fits(page) {
    return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

export function finish() {
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    process.exit(counts.failed ? 1 : 0);
}
