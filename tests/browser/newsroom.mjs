// tests/browser/newsroom.mjs: the newsroom in a real browser: log in through
// the login form, the dashboard, and moderating a comment with the queue's
// checkbox and button until it shows on the public article page.
//
// Why: the HTTP tests post forms by hand; only a browser shows that the
// forms themselves (login token and cookie, the session's CSRF field, the
// checkbox names the bulk handler reads) work together without JavaScript
// of ours, and what the pages look like (build/screenshots/admin-*.png).
//
// Starts `akhbar serve --demo` ($AKHBAR_BIN) on a fresh temporary database,
// adds a moderator with `akhbar user add`, prints one line per failure and
// finishes with "N passed, N failed"; exits 1 on any failure.

import { join } from 'node:path';
import { SHOTS, addUser, check, group, run, watch } from './lib.mjs';

const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'correct horse battery';
const COMMENT = 'تعليق من المتصفح للإشراف';

function main() {
    return run('akhbar-newsroom-', async ({ dir, srv, base, browser }) => {
        addUser(srv.db, 'moderator', 'mona', PASSWORD);
        const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'ar' });
        const page = await ctx.newPage();
        page.setDefaultTimeout(10000);
        const errors = watch(page);
        let articleUrl = null;

        await group('a reader comments', async () => {
            await page.goto(`${base}/article/2`, { waitUntil: 'load' });
            articleUrl = page.url();
            const form = page.locator('form#comment-form');
            await form.locator('input[name=author]').fill('قارئ');
            await form.locator('textarea[name=body]').fill(COMMENT);
            await Promise.all([page.waitForLoadState('load'),
                               form.locator('button[type=submit]').click()]);
            check(/comment=pending/.test(page.url()), 'the comment form answers "pending"',
                  page.url());
        });

        await group('login', async () => {
            await page.goto(`${base}/admin/`, { waitUntil: 'load' });
            check(new URL(page.url()).pathname === '/admin/login',
                  'the dashboard sends an anonymous visitor to the login form', page.url());
            await page.locator('#login').fill('mona');
            await page.locator('#password').fill(PASSWORD);
            await Promise.all([page.waitForURL(`${base}/admin/`),
                               page.getByRole('button', { name: 'دخول' }).click()]);
            check(new URL(page.url()).pathname === '/admin/', 'login lands on the dashboard',
                  page.url());
        });

        await group('dashboard', async () => {
            const rtl = await page.evaluate(() => document.documentElement.dir);
            check(rtl === 'rtl', 'dashboard: <html dir="rtl">', `dir="${rtl}"`);
            check(await page.getByRole('heading', { name: 'لوحة التحكم' }).isVisible(),
                  'dashboard: its heading is visible');
            const pending = page.locator('a[href="/admin/comments?status=pending"] .n');
            check((await pending.textContent()).trim() === '1',
                  'dashboard: one comment awaits moderation', await pending.textContent());
            await page.screenshot({ path: join(SHOTS, 'admin-dashboard.png'), fullPage: true });
            await Promise.all([page.waitForLoadState('load'), pending.click()]);
            check(new URL(page.url()).pathname === '/admin/comments',
                  'dashboard: the pending count links to the queue', page.url());
        });

        await group('moderation', async () => {
            const item = page.locator('.mod-item', { hasText: COMMENT });
            check(await item.count() === 1, 'moderation: the comment is in the queue');
            await page.screenshot({ path: join(SHOTS, 'admin-moderation.png'), fullPage: true });
            const link = item.locator('.mod-article a');
            const href = await link.getAttribute('href');
            check(/^\/article\/2\/.+#comment-\d+$/.test(href || ''),
                  'moderation: the article link points at the comment', href);
            await item.locator('input[type=checkbox]').check();
            await Promise.all([page.waitForLoadState('load'),
                               page.getByRole('button', { name: 'موافقة على المحدد' }).click()]);
            check(/\/admin\/comments\?status=pending$/.test(page.url()),
                  'moderation: back to the pending queue', page.url());
            check(await page.locator('.mod-item', { hasText: COMMENT }).count() === 0,
                  'moderation: the approved comment left the queue');
            // The page is public and may be cached for a minute (max-age=60): the
            // reader's earlier visit is in this browser's cache, so revalidate.
            await page.goto(`${base}${href}`, { waitUntil: 'load' });
            await page.reload({ waitUntil: 'load' });
            const shown = page.locator(`li.comment${href.slice(href.indexOf('#'))}`);
            check(await shown.isVisible(), 'the approved comment is on the article page');
            check((await shown.textContent()).includes(COMMENT),
                  'with its text', await shown.textContent());
            check(articleUrl && page.url().startsWith(articleUrl.split('?')[0]),
                  'on the article it was written on', page.url());
        });
        check(errors.length === 0, 'no JavaScript errors or failed loads',
              errors.slice(0, 3).join('; '));
        await ctx.close();
    });
}
main();
