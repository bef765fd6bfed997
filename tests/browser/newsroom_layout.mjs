// tests/browser/newsroom_layout.mjs: the newsroom's main pages at a desktop
// width (1366 px) and a phone's (390 px): the dashboard, the article list,
// the editor and the moderation queue (with comments, some carrying long
// URLs). On each: nothing scrolls sideways (fits) and axe-core finds no
// violation (axe); a screenshot of each goes to build/screenshots
// (newsroom-PAGE-WIDTH.png). The newsroom's other pages fit and pass axe
// too. On the phone the article list is cards and every comment of the
// queue has its own buttons; select-all checks them all; the editor
// autosaves and counts words as one types.
//
// Starts `akhbar serve --demo` ($AKHBAR_BIN) on a fresh temporary database,
// adds an admin with `akhbar user add`, prints one line per failure and
// finishes with "N passed, N failed"; exits 1 on any failure.

import { join } from 'node:path';
import { SHOTS, addUser, axe, check, fits, group, run, watch } from './lib.mjs';

const PASSWORD = 'correct horse battery';
const WIDTHS = [{ name: 'desktop', width: 1366, height: 900 },
                { name: 'phone', width: 390, height: 844 }];
const LONG = 'https://example.org/' + 'a-very-long-path-segment-without-any-break/'.repeat(6) +
    '?utm_source=newsletter&utm_medium=email';
const COMMENTS = [
    'تعليق قصير من قارئ.',
    `مصدر الخبر هنا: ${LONG} ويمكن الرجوع إليه.`,
    `رابط آخر: ${LONG.replace('example.org', 'news.example.net')}`,
    'شكرًا على التغطية المفصلة، وأرجو متابعة الموضوع في الأيام القادمة.',
];

// Post a comment as a reader does: the token from the endpoint comment.js uses.
async function comment(base, id, author, body) {
    const token = await (await fetch(`${base}/article/${id}/comment/token`)).text();
    const form = new URLSearchParams({ author, body, token });
    const r = await fetch(`${base}/article/${id}/comment`, {
        method: 'POST', body: form, redirect: 'manual', headers: { Origin: base },
    });
    return r.status;
}

async function login(page, base) {
    await page.goto(`${base}/admin/login`, { waitUntil: 'load' });
    await page.locator('#login').fill('hala');
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin/`),
                       page.getByRole('button', { name: 'دخول' }).click()]);
}

function main() {
    return run('akhbar-nlayout-', async ({ srv, base, browser }) => {
        addUser(srv.db, 'admin', 'hala', PASSWORD);
        for (let i = 0; i < COMMENTS.length; i++) {
            const st = await comment(base, 2 + (i % 2), ['سعاد', 'ماجد', 'ريم', 'يوسف'][i], COMMENTS[i]);
            check(st === 303, `comment ${i} posted`, String(st));
        }
        for (const w of WIDTHS) {
            const ctx = await browser.newContext({ viewport: { width: w.width, height: w.height },
                                                   locale: 'ar' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(10000);
            const errors = watch(page);
            await group(`${w.name}: login`, () => login(page, base));
            const pages = [
                ['dashboard', '/admin/'],
                ['articles', '/admin/articles'],
                ['editor', '/admin/articles/2/edit'],
                ['moderation', '/admin/comments'],
            ];
            for (const [name, path] of pages) {
                await group(`${w.name} ${name}`, async () => {
                    await page.goto(`${base}${path}`, { waitUntil: 'load' });
                    check(await fits(page), `${w.name} ${name}: no horizontal overflow`,
                          String(await page.evaluate(() => document.documentElement.scrollWidth)));
                    const v = await axe(page);
                    check(v.length === 0, `${w.name} ${name}: axe finds no violation`, v.join('; '));
                    await page.screenshot({ path: join(SHOTS, `newsroom-${name}-${w.width}.png`),
                                            fullPage: true });
                });
            }
            // The other newsroom pages: nothing scrolls sideways either (a
            // wide table scrolls inside its own box).
            for (const path of ['/admin/people', '/admin/sections', '/admin/tags', '/admin/settings',
                                '/admin/media', '/admin/audit', '/admin/pages', '/admin/profile',
                                '/admin/articles/new', '/admin/articles/2/revisions', '/admin/feeds']) {
                await group(`${w.name} ${path}`, async () => {
                    await page.goto(`${base}${path}`, { waitUntil: 'load' });
                    const v = await axe(page);
                    check(v.length === 0, `${w.name} ${path}: axe finds no violation`, v.join("; "));
                    check(await fits(page), `${w.name} ${path}: no horizontal overflow`,
                          String(await page.evaluate(() => document.documentElement.scrollWidth)));
                });
            }
            await group(`${w.name}: the new-article button`, async () => {
                await page.goto(`${base}/admin/articles`, { waitUntil: 'load' });
                const btn = page.locator('a.btn-new');
                check(await btn.isVisible(), `${w.name}: "مقالة جديدة" is visible on the list`);
                const box = await btn.boundingBox();
                check(box && box.y < w.height, `${w.name}: and in the first screen`, JSON.stringify(box));
            });
            if (w.name === 'desktop') {
                await group('desktop: autosave and the live word count', async () => {
                    await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
                    await page.locator('#e-title').fill('مسودة تُحفظ تلقائيًا');
                    await page.locator('#e-body').fill('كلمة أولى وثانية، وثالثة.');
                    const n = await page.locator('#word-count').textContent();
                    check(n === '4', 'the word count follows the typing', n);
                    // Leaving the body saves it; the title's save may still be
                    // running, and the body's follows it (never dropped). Wait
                    // for that one: a reload before it ends would abort it.
                    const saved = page.waitForResponse((r) =>
                        r.url().endsWith('/admin/articles/autosave') &&
                        new URLSearchParams(r.request().postData() || '').get('body') ===
                            'كلمة أولى وثانية، وثالثة.');
                    await page.locator('#e-source').click();     // leave the body
                    check((await saved).ok(), 'leaving the body saves it');
                    const note = page.locator('#autosave-note');
                    await note.waitFor({ state: 'visible' });
                    check(/حُفظت نسخة تلقائية في/.test(await note.textContent()),
                          'the page says when it was autosaved', await note.textContent());
                    await page.reload({ waitUntil: 'load' });
                    check(await page.locator('#e-body').inputValue() === 'كلمة أولى وثانية، وثالثة.',
                          'a reload brings the autosaved text back');
                    check(await page.locator('.restored time').count() === 1,
                          'saying when it was kept');
                    await Promise.all([page.waitForLoadState('load'),
                                       page.getByRole('button', { name: 'تجاهل النسخة التلقائية' }).click()]);
                    check(await page.locator('#e-body').inputValue() === '',
                          'discarding it gives an empty new article');
                });
            }
            if (w.name === 'phone') {
                await group('phone: the article list as cards', async () => {
                    await page.goto(`${base}/admin/articles`, { waitUntil: 'load' });
                    const head = await page.locator('.admin-table thead').boundingBox();
                    check(!head || head.height <= 1, 'phone: no table header row', JSON.stringify(head));
                    const rows = page.locator('.admin-table tbody tr');
                    const first = await rows.first().boundingBox();
                    check(first && first.width <= w.width, 'phone: a card fits the screen',
                          JSON.stringify(first));
                    const disp = await rows.first().evaluate((e) => getComputedStyle(e).display);
                    check(disp === 'block', 'phone: rows are blocks (cards)', disp);
                });
            }
            await group(`${w.name}: moderation per comment and select-all`, async () => {
                await page.goto(`${base}/admin/comments`, { waitUntil: 'load' });
                const items = page.locator('.mod-item');
                const n = await items.count();
                check(n === COMMENTS.length, `${w.name}: every comment is queued`, String(n));
                for (let i = 0; i < n; i++) {
                    const it = items.nth(i);
                    const ok = await it.locator('button[name=approve]').isVisible() &&
                               await it.locator('button[name=spam]').isVisible() &&
                               await it.locator('button[name=delete]').isVisible();
                    check(ok, `${w.name}: comment ${i} has approve, spam and delete`);
                    const box = await it.boundingBox();
                    check(box && box.x >= 0 && box.x + box.width <= w.width,
                          `${w.name}: comment ${i} fits the screen`, JSON.stringify(box));
                }
                const all = page.locator('#select-all');
                check(await all.isVisible(), `${w.name}: the select-all checkbox shows with JavaScript`);
                await all.check();
                const checked = await page.locator('.mod-item input[type=checkbox]:checked').count();
                check(checked === n, `${w.name}: select-all checks every comment`, String(checked));
                await all.uncheck();
                check(await page.locator('.mod-item input[type=checkbox]:checked').count() === 0,
                      `${w.name}: and unchecks them`);
            });
            check(errors.length === 0, `${w.name}: no JavaScript errors or failed loads`,
                  errors.slice(0, 3).join('; '));
            await ctx.close();
        }
        // last, as it changes the queue: one comment's own button
        await group('approve one comment by its own button', async () => {
            const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar' });
            const page = await ctx.newPage();
            await login(page, base);
            await page.goto(`${base}/admin/comments`, { waitUntil: 'load' });
            const first = page.locator('.mod-item').first();
            const id = (await first.getAttribute('id')).slice(2);
            await first.locator('.mod-item input[type=checkbox]').check().catch(() => {});
            await page.locator('.mod-item').nth(1).locator('input[type=checkbox]').check();
            await Promise.all([page.waitForLoadState('load'),
                               first.locator('button[name=approve]').click()]);
            check(await page.locator(`#c-${id}`).count() === 0, 'the approved comment left the queue');
            check(await page.locator('.mod-item').count() === COMMENTS.length - 1,
                  'and only that one, though another was checked');
            await ctx.close();
        });
    }, 150000);
}
main();
