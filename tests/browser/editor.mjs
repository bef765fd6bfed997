// tests/browser/editor.mjs: an editor writes and publishes an article in a
// real browser: logs in through the login form, uploads an image (a PNG made
// here) with its alt text through the upload form, writes title, lede and a
// Markdown body with a "## " subheading in /admin/articles/new, picks the
// image as the featured one, previews (the subheading is an <h2>, rendered by
// the server), publishes, then finds the article on the home page with its
// <picture> and through the public search box.
//
// Why: the HTTP tests post each form by hand; only a browser shows that the
// forms chain together (the preview keeps what was typed and the picked
// image; the upload's multipart form; the search box) and what the editor
// looks like (build/screenshots/admin-editor.png).
//
// Starts `akhbar serve --demo` ($AKHBAR_BIN) on a fresh temporary database,
// adds an editor with `akhbar user add`, prints one line per failure and
// finishes with "N passed, N failed"; exits 1 on any failure.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { SHOTS, addUser, check, group, run, watch } from './lib.mjs';

const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'correct horse battery';
const TITLE = 'أكبر معرض للكتاب يفتح أبوابه في المدينة القديمة';
const LEDE = 'مئات الناشرين يشاركون في الدورة الجديدة من المعرض.';
const SUBHEAD = 'برنامج الأمسيات الثقافية';
const BODY = `افتتح المعرض صباح اليوم وسط إقبال كبير من الزوار.\n\n## ${SUBHEAD}\n\n` +
             'تستمر الأمسيات **أسبوعاً كاملاً** في القاعة الكبرى.';
const ALT = 'زوار يتجولون بين أجنحة معرض الكتاب';
const QUERY = 'اكبر معرض';      // hamza-less: the analyzer's folding, in a browser

// A W x H RGB PNG (a gradient), built with zlib: the chunks and their CRCs.
function png(w, h) {
    const table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c;
    }
    const crc32 = (buf) => {
        let c = -1;
        for (const b of buf)
            c = table[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ -1) >>> 0;
    };
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(td));
        return Buffer.concat([len, td, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8;                // bit depth
    ihdr[9] = 2;                // RGB
    const raw = Buffer.alloc((3 * w + 1) * h);
    for (let y = 0; y < h; y++) {
        const row = y * (3 * w + 1);
        raw[row] = 0;           // filter: none
        for (let x = 0; x < w; x++) {
            raw[row + 1 + 3 * x] = (x * 255 / w) | 0;
            raw[row + 2 + 3 * x] = (y * 255 / h) | 0;
            raw[row + 3 + 3 * x] = 160;
        }
    }
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
                          chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)),
                          chunk('IEND', Buffer.alloc(0))]);
}

function main() {
    return run('akhbar-editor-', async ({ dir, srv, base, browser }) => {
        addUser(srv.db, 'editor', 'ed', PASSWORD);
        const image = join(dir, 'book-fair.png');
        writeFileSync(image, png(640, 400));
        const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'ar' });
        const page = await ctx.newPage();
        page.setDefaultTimeout(10000);
        const errors = watch(page);
        const path = () => new URL(page.url()).pathname;

        await group('login', async () => {
            await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
            check(path() === '/admin/login', 'the editor sends a visitor to the login form',
                  page.url());
            await page.locator('#login').fill('ed');
            await page.locator('#password').fill(PASSWORD);
            await Promise.all([page.waitForURL(`${base}/admin/articles/new`),
                               page.getByRole('button', { name: 'دخول' }).click()]);
            check(path() === '/admin/articles/new', 'login goes on to the editor', page.url());
        });

        await group('upload', async () => {
            await Promise.all([page.waitForURL(`${base}/admin/media`),
                               page.getByRole('link', { name: 'رفع صورة جديدة' }).click()]);
            await page.locator('#m-file').setInputFiles(image);
            await page.locator('#m-alt').fill(ALT);
            await Promise.all([page.waitForLoadState('load'),
                               page.getByRole('button', { name: 'رفع' }).click()]);
            const shown = page.locator(`.media-grid img[alt="${ALT}"]`);
            check(await shown.count() === 1, 'the uploaded image is in the media list',
                  await page.locator('.form-error').textContent().catch(() => ''));
        });

        await group('write and preview', async () => {
            await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
            await page.locator('#e-title').fill(TITLE);
            await page.locator('#e-lede').fill(LEDE);
            await page.locator('#e-body').fill(BODY);
            await page.locator('#e-section').selectOption('culture');
            await page.locator('label.pick', { hasText: ALT }).locator('input[type=radio]').check();
            // The preview opens beside the editor (formtarget _blank): the
            // public article page, with the reader's stylesheet.
            const [preview] = await Promise.all([
                page.context().waitForEvent('page'),
                page.getByRole('button', { name: 'معاينة' }).click()]);
            await preview.waitForLoadState('load');
            const h2 = preview.locator('.story .body h2');
            check(await h2.count() === 1 && (await h2.textContent()).trim() === SUBHEAD,
                  'the preview shows the subheading as <h2>',
                  await preview.locator('.story').innerHTML().catch((e) => e.message));
            check(await preview.locator('.story .body strong').count() === 1,
                  'and the bold text as <strong>');
            check((await preview.locator('h1.headline').textContent()).trim() === TITLE,
                  'and the headline as the article page shows it');
            check(await preview.locator(`.story .featured img[alt="${ALT}"]`).count() === 1,
                  'and the picked image');
            check(await preview.evaluate(() => [...document.styleSheets].some((x) => /style\.css$/.test(x.href || ''))),
                  'with the reader\'s stylesheet');
            await preview.screenshot({ path: join(SHOTS, 'admin-preview.png'), fullPage: true });
            await preview.close();
            check(await page.locator('#e-body').inputValue() === BODY,
                  'the editor keeps the Markdown as typed');
            check(await page.locator('#e-title').inputValue() === TITLE, 'and the title');
            check(await page.locator('label.pick', { hasText: ALT })
                      .locator('input[type=radio]').isChecked(),
                  'and the picked image');
            const words = await page.locator('#word-count').textContent();
            check(Number(words) > 3, 'the word count follows the typing', words);
            await page.screenshot({ path: join(SHOTS, 'admin-editor.png'), fullPage: true });
        });

        let articleHref = null;
        await group('publish', async () => {
            await Promise.all([page.waitForLoadState('load'),
                               page.getByRole('button', { name: 'نشر', exact: true }).click()]);
            check(/^\/admin\/articles\/\d+\/edit$/.test(path()) &&
                  new URL(page.url()).searchParams.get('done') === 'publish',
                  'publishing returns to the editor', page.url());
            const link = page.getByRole('link', { name: 'الصفحة المنشورة' });
            articleHref = await link.getAttribute('href');
            check(/^\/article\/\d+\//.test(articleHref || ''), 'with a link to the article',
                  articleHref);
        });

        await group('home page', async () => {
            await page.goto(`${base}/`, { waitUntil: 'load' });
            const lead = page.locator('section.lead');
            check((await lead.locator('.lead-title').textContent()).trim() === TITLE,
                  'the new article leads the home page',
                  await lead.locator('.lead-title').textContent());
            const img = lead.locator(`picture img[alt="${ALT}"]`);
            check(await img.count() === 1, 'with its <picture> and alt text');
            check(await lead.locator('picture source[type="image/webp"]').count() === 1,
                  'offering WebP');
            const natural = await img.evaluate((e) => e.complete ? e.naturalWidth : 0);
            check(natural > 0, 'the image loads', String(natural));
        });

        await group('search', async () => {
            await page.locator('#site-q').fill(QUERY);
            await Promise.all([page.waitForURL(/\/search\?/),
                               page.locator('form.search-box button[type=submit]').click()]);
            const hit = page.locator('.card-title a', { hasText: TITLE });
            check(await hit.count() === 1, `the search box finds it by "${QUERY}"`);
            if (await hit.count() === 1) {
                check(await hit.getAttribute('href') === articleHref,
                      'the result links to the article', await hit.getAttribute('href'));
                await Promise.all([page.waitForLoadState('load'), hit.click()]);
                check((await page.locator('.story .body h2').textContent()).trim() === SUBHEAD,
                      'the article page shows the subheading');
            }
        });
        await group('alt text', async () => {
            const NEW_ALT = 'منصة معرض الكتاب قبل الافتتاح';
            await page.goto(`${base}/admin/media`, { waitUntil: 'load' });
            const form = page.locator('form.alt-form').first();
            await form.locator('input[name=alt]').fill(NEW_ALT);
            await Promise.all([page.waitForLoadState('load'),
                               form.getByRole('button', { name: 'حفظ' }).click()]);
            check((await page.locator('.form-notice').textContent()).trim() ===
                      'حُفظ النص البديل.', 'the alt text is saved',
                  await page.locator('.form-error').textContent().catch(() => ''));
            check(await page.locator(`.media-grid img[alt="${NEW_ALT}"]`).count() === 1,
                  'the media list shows it');
            await page.screenshot({ path: join(SHOTS, 'admin-media.png'), fullPage: true });
            /* Not through the page: the browser may keep its copy for a minute
             * (public pages are cacheable for 60 s). */
            const html = await (await page.request.get(`${base}${articleHref}`)).text();
            check(html.includes(`alt="${NEW_ALT}"`), 'and the article shows the new alt text');
        });
        check(errors.length === 0, 'no JavaScript errors or failed loads',
              errors.slice(0, 3).join('; '));
        await ctx.close();
    });
}
main();
