// tests/browser/article.mjs: the article page in a real browser.
//
// Why: the HTTP tests check bytes; only a browser can say that the page is
// laid out right to left, that no CSS puts letter-spacing on Arabic, that the
// back-to-top link works with and without JavaScript, and what the pages look
// like (screenshots in build/screenshots/ for a human to look at).
//
// Starts `akhbar serve --demo` ($AKHBAR_BIN) on a fresh temporary database on
// a free loopback port, drives Debian's /usr/bin/chromium with playwright-core,
// prints one line per failure and finishes with "N passed, N failed"; exits 1
// on any failure. The server and the browser are always stopped.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, SHOTS, check, group, run, sleep, until, watch } from './lib.mjs';

const MOBILE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const scrollY = (page) => page.evaluate(() => window.scrollY);

// Scroll to the bottom and wait until the (possibly smooth) scroll settles.
async function scrollToBottom(page) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    let last = -1;
    await until(async () => {
        const y = await scrollY(page);
        const settled = y === last && y > 0;
        last = y;
        return settled;
    }, 3000);
    await sleep(100);       /* let the scroll handler of app.js run */
    return scrollY(page);
}

// Click a.to-top and wait (up to 3 s: it smooth-scrolls) for scrollY === 0.
async function backToTop(page, what) {
    const link = page.locator('a.to-top');
    check(await link.isVisible(), `${what}: a.to-top is visible after scrolling down`);
    await link.click({ timeout: 3000 });
    const y = await until(async () => (await scrollY(page)) === 0, 3000);
    check(y, `${what}: back to top reaches scrollY 0`, `scrollY is ${await scrollY(page)}`);
}

async function articleChecks(page, base, what) {
    const resp = await page.goto(`${base}/article/1`, { waitUntil: 'load' });
    const from = resp.request().redirectedFrom();
    const path = new URL(page.url()).pathname;
    check(resp.status() === 200, `${what}: /article/1 loads`, `status ${resp.status()}`);
    check(from !== null && /^\/article\/1\/.+/.test(path),
          `${what}: /article/1 redirects to the canonical URL`, `ended at ${path}`);
    const canon = await page.evaluate(() => document.querySelector('link[rel=canonical]')?.href);
    check(canon && new URL(canon).pathname === path, `${what}: rel=canonical is the page URL`,
          `canonical ${canon}, page ${path}`);
    const root = await page.evaluate(() => [document.documentElement.lang,
                                            document.documentElement.dir]);
    check(root[0] === 'ar', `${what}: <html lang="ar">`, `lang="${root[0]}"`);
    check(root[1] === 'rtl', `${what}: <html dir="rtl">`, `dir="${root[1]}"`);
    const h1 = page.locator('h1');
    check(await h1.count() === 1, `${what}: exactly one h1`, `${await h1.count()} h1 elements`);
    check(await h1.first().isVisible(), `${what}: h1 is visible`);
    const st = await page.evaluate(() => {
        const cs = (el) => (el ? getComputedStyle(el) : null);
        const h = cs(document.querySelector('h1'));
        const p = cs(document.querySelector('.body p'));
        return { hDir: h?.direction, hLs: h?.letterSpacing, pDir: p?.direction,
                 pLs: p?.letterSpacing, bodyLs: cs(document.body).letterSpacing };
    });
    check(st.hDir === 'rtl', `${what}: h1 direction is rtl`, `direction ${st.hDir}`);
    check(st.pDir === 'rtl', `${what}: body text direction is rtl`, `direction ${st.pDir}`);
    check(st.hLs === 'normal', `${what}: h1 letter-spacing is normal`, `letter-spacing ${st.hLs}`);
    check(st.pLs === 'normal' && st.bodyLs === 'normal',
          `${what}: body text letter-spacing is normal`,
          `.body p ${st.pLs}, body ${st.bodyLs}`);
    // No element on the page may set letter-spacing on its text.
    const spaced = await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((el) => el.textContent.trim() && getComputedStyle(el).letterSpacing !== 'normal')
        .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
    check(spaced.length === 0, `${what}: no element has letter-spacing`, spaced.join(', '));
    return path;
}

function main() {
    return run('akhbar-browser-', async ({ srv, base, browser }) => {

        // Phone: the article, its parts, scrolling and back to top with JavaScript.
        await group('mobile article', async () => {
            const ctx = await browser.newContext({ viewport: MOBILE, deviceScaleFactor: 2,
                                                   isMobile: true, hasTouch: true, locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            const errors = watch(page);
            await articleChecks(page, base, 'mobile');
            const rel = page.getByRole('heading', { name: 'مقالات ذات صلة' });
            check(await rel.isVisible(), 'mobile: related-articles heading "مقالات ذات صلة" is visible');
            check(await page.locator('.related .card').count() > 0, 'mobile: related articles listed');
            const form = page.locator('form#comment-form');
            check(await form.isVisible(), 'mobile: comment form is there');
            for (const label of ['الاسم', 'البريد الإلكتروني (اختياري)', 'التعليق']) {
                const l = form.locator('label', { hasText: label }).first();
                check(await l.isVisible(), `mobile: comment form label "${label}" is visible`);
            }
            // The honeypot is visually hidden (a 1px clipped box), not display: none.
            const hp = await form.locator('p.hp').boundingBox();
            check(hp && hp.width <= 1 && hp.height <= 1, 'mobile: honeypot field is visually hidden',
                  JSON.stringify(hp));
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            check(wide <= MOBILE.width, 'mobile: no horizontal overflow', `scrollWidth ${wide}`);
            await page.screenshot({ path: join(SHOTS, 'article-mobile.png'), fullPage: true });
            const y = await scrollToBottom(page);
            check(y > 500, 'mobile: scrolling to the bottom moves the page', `scrollY ${y}`);
            await backToTop(page, 'mobile');
            check(errors.length === 0, 'mobile: no JavaScript errors or failed loads',
                  errors.slice(0, 3).join('; '));
            await ctx.close();
        });

        // Desktop: the article again, screenshots of it and of the home page.
        await group('desktop article', async () => {
            const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            const errors = watch(page);
            await articleChecks(page, base, 'desktop');
            check(await page.getByRole('heading', { name: 'مقالات ذات صلة' }).isVisible(),
                  'desktop: related-articles heading is visible');
            // In RTL the headline's right edge sits at the right of the content column.
            const box = await page.locator('h1').boundingBox();
            const main = await page.locator('main').boundingBox();
            check(box && main && Math.abs((main.x + main.width) - (box.x + box.width)) < 40,
                  'desktop: h1 is aligned to the right', JSON.stringify({ box, main }));
            await page.screenshot({ path: join(SHOTS, 'article-desktop.png') });
            const y = await scrollToBottom(page);
            check(y > 500, 'desktop: scrolling to the bottom moves the page', `scrollY ${y}`);
            await backToTop(page, 'desktop');
            const resp = await page.goto(`${base}/`, { waitUntil: 'load' });
            check(resp.status() === 200, 'desktop: home page loads', `status ${resp.status()}`);
            check(await page.locator('.lead-title').isVisible(), 'desktop: home has a lead story');
            await page.screenshot({ path: join(SHOTS, 'home-desktop.png') });
            check(errors.length === 0, 'desktop: no JavaScript errors or failed loads',
                  errors.slice(0, 3).join('; '));
            await ctx.close();
        });

        // The comment form: the page carries no token (it is the same for every
        // reader, so caches can keep it); comment.js fetches one from
        // /article/ID/comment/token when the reader starts on the form.
        await group('comment with JavaScript', async () => {
            const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            const errors = watch(page);
            const fetched = [];
            page.on('request', (r) => { if (r.url().endsWith('/comment/token')) fetched.push(r); });
            await page.goto(`${base}/article/2`, { waitUntil: 'load' });
            const token = page.locator('#comment-form input[name="token"]');
            check(await token.inputValue() === '', 'js comment: the page itself has no token');
            check(fetched.length === 0, 'js comment: no token is fetched before the form is used');
            await page.fill('#c-author', 'قارئة من المتصفح');
            await page.fill('#c-body', 'تعليق أُرسل والرمز جلبه السكربت.');
            const got = await until(async () => /^[0-9a-f]+-[0-9a-f]{32}$/.test(await token.inputValue()), 5000);
            check(got, 'js comment: comment.js fills the token', await token.inputValue());
            check(fetched.length === 1, 'js comment: the token is fetched once', `${fetched.length} fetches`);
            const tr = fetched.length ? await fetched[0].response() : null;
            check(tr && /no-store/.test(tr.headers()['cache-control'] || ''),
                  'js comment: the token response is not cached');
            await Promise.all([page.waitForNavigation(), page.click('#comment-form button[type=submit]')]);
            check(/[?&]comment=pending/.test(page.url()), 'js comment: sent in one click',
                  `ended at ${page.url()}`);
            check(await page.getByText('تعليقك بانتظار المراجعة').isVisible(),
                  'js comment: the pending notice is shown');
            check(errors.length === 0, 'js comment: no JavaScript errors or failed loads',
                  errors.slice(0, 3).join('; '));
            await ctx.close();
        });

        // Without JavaScript the first post gets a page to confirm it, which
        // keeps what was written and carries a token: one more click sends it.
        await group('comment without JavaScript', async () => {
            const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false,
                                                   locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            await page.goto(`${base}/article/2`, { waitUntil: 'load' });
            await page.fill('#c-author', 'قارئ بلا سكربت');
            await page.fill('#c-body', 'تعليق من متصفح لا يشغّل JavaScript.');
            await Promise.all([page.waitForNavigation(), page.click('#comment-form button[type=submit]')]);
            check(await page.getByRole('heading', { name: 'أكّد إرسال تعليقك' }).isVisible(),
                  'no-js comment: the confirmation page');
            check(await page.inputValue('#c-body') === 'تعليق من متصفح لا يشغّل JavaScript.',
                  'no-js comment: it keeps the comment');
            await Promise.all([page.waitForNavigation(), page.click('#comment-form button[type=submit]')]);
            check(/[?&]comment=pending/.test(page.url()), 'no-js comment: sent with one more click',
                  `ended at ${page.url()}`);
            await ctx.close();
        });

        // Replying from the page: the comment's reply link opens the form
        // with "ردًا على" and the author's name under its heading, in view on
        // a phone, and the parent's id in a hidden field.
        await group('reply form', async () => {
            const out = spawnSync(BIN, ['comment', 'list', '--db', srv.db, '--json'],
                                  { encoding: 'utf8' }).stdout;
            const c = JSON.parse(out).find((x) => x.status === 'approved' && !x.parent_id);
            const ctx = await browser.newContext({ viewport: MOBILE, locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            await page.goto(`${base}/article/${c.article_id}`, { waitUntil: 'load' });
            await page.locator(`#comment-${c.id} .reply-link a`).click();
            await page.waitForURL(/[?]reply=\d+#comment-form$/);
            const line = page.locator('#comment-form .replying');
            check((await line.innerText()).startsWith(`ردًا على ${c.author}`),
                  'reply: the form names the author', await line.innerText());
            // Let the jump (smooth scrolling) settle, then measure in one go.
            let pos = null, last = null;
            await until(async () => {
                pos = await page.evaluate(() => {
                    const box = (sel) => document.querySelector(sel).getBoundingClientRect();
                    const l = box('#comment-form .replying');
                    return { top: l.top, bottom: l.bottom, name: box('#c-author').top,
                             y: window.scrollY };
                });
                const settled = pos.y === last && pos.y > 0;
                last = pos.y;
                return settled;
            }, 3000);
            check(pos.top >= 0 && pos.bottom <= MOBILE.height,
                  'reply: the line is in view after the jump', JSON.stringify(pos));
            check(pos.top < pos.name, 'reply: the line comes before the fields',
                  JSON.stringify(pos));
            const parent = await page.locator('#comment-form input[name=parent]')
                .getAttribute('value');
            check(parent === String(c.id), 'reply: hidden parent field', `parent ${parent}`);
            await page.locator('#comment-form')
                .screenshot({ path: join(SHOTS, 'reply-mobile.png') });
            await ctx.close();
        });

        // Without JavaScript the back-to-top link is a plain link to #top.
        await group('no-javascript back to top', async () => {
            const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false,
                                                   locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            await page.goto(`${base}/article/1`, { waitUntil: 'load' });
            check(await page.locator('a.to-top[href="#top"]').count() === 1,
                  'no-js: a.to-top links to #top');
            const y = await scrollToBottom(page);
            check(y > 500, 'no-js: scrolling to the bottom moves the page', `scrollY ${y}`);
            await backToTop(page, 'no-js');
            await ctx.close();
        });
    });
}
main();
