// tests/browser/reader.mjs: what a reader sees, at 1366 px and on a 390 px
// phone: the home, section, article (with its picture, comments and a long
// URL in a comment), search and author pages, and the home page in dark mode.
//
// Why: only a browser can say that nothing scrolls sideways, that the lead
// headline stays in the first screen beside or above its picture, that cards
// with and without pictures line up, and what axe-core finds. Screenshots
// go to build/screenshots/reader-*.png for a human to look at (the best are
// copied to docs/ and shown in the README).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, SHOTS, axe, check, fits, group, run, sleep, watch } from './lib.mjs';

const WIDTHS = [{ width: 1366, height: 800, name: '1366' }, { width: 390, height: 844, name: '390' }];
const LONG_URL = 'https://example.com/' + 'a-very-long-path-segment-without-any-break-'.repeat(6) + 'end';

function sql(db, q) {
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, q], { encoding: 'utf8' });
    if (r.status !== 0)
        throw new Error(`sqlite3: ${r.stderr}`);
    return r.stdout.trim();
}

// An author with a public profile, their article, and a comment with a URL
// too long for any line, on the newest article (which has a picture).
function prepare(db) {
    const add = spawnSync(BIN, ['user', 'add', '--db', db, '--role', 'author', '--name', 'سلمى الحداد',
                                'salma'], { input: 'correct horse battery\n', encoding: 'utf8' });
    if (add.status !== 0)
        throw new Error(`user add: ${add.stderr}`);
    const id = sql(db, "SELECT id FROM article WHERE image_id IS NOT NULL ORDER BY published_at DESC LIMIT 1");
    sql(db, `INSERT INTO profile(user_id, slug, bio, updated_at) SELECT id, 'salma-haddad',
             'صحفية تكتب عن الرياضة والمجتمع.', unixepoch() FROM user WHERE login='salma';
             UPDATE article SET author_id=(SELECT id FROM user WHERE login='salma') WHERE id=${id};
             INSERT INTO comment(article_id, author, body, status, created_at)
             VALUES(${id}, 'Reader من بيروت', 'التفاصيل الكاملة هنا: ${LONG_URL}', 1, unixepoch());`);
    return id;
}

async function page_checks(page, base, path, what, shot) {
    const resp = await page.goto(base + path, { waitUntil: 'load' });
    check(resp.status() === 200, `${what}: loads`, `status ${resp.status()}`);
    await sleep(300);   /* fonts swap in */
    check(await fits(page), `${what}: nothing scrolls sideways`,
          `scrollWidth ${await page.evaluate(() => document.documentElement.scrollWidth)}`);
    const found = await axe(page);
    check(found.length === 0, `${what}: axe-core finds no violation`, found.join('; '));
    check(await page.locator('.ticker .ticker-label').count() === 1, `${what}: the ticker`);
    await page.screenshot({ path: join(SHOTS, `reader-${shot}.png`) });
}

await run('akhbar-reader-', async ({ srv, base, browser }) => {
    const id = prepare(srv.db);
    // Views: today's through the beacon, as readers' browsers send them, and
    // yesterday's (Riyadh's, the demo's zone) of the oldest article, so that today's list and the week's
    // differ; wait for the rankings made after the views are written.
    const oldest = sql(srv.db, 'SELECT id FROM article ORDER BY published_at LIMIT 1');
    const riyadh = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh' }).format(new Date());
    const today = Math.floor(Date.parse(`${riyadh}T00:00:00Z`) / 86400000);     /* the site's day */
    sql(srv.db, `INSERT INTO article_view(article_id, day, n) VALUES(${oldest}, ${today - 1}, 50)`);
    for (let i = 0; i < 3; i++)
        await fetch(`${base}/v/${id}`);
    for (let i = 0; i < 150 && sql(srv.db, 'SELECT count(*) FROM ranking WHERE kind=0') === '0'; i++)
        await sleep(100);
    await sleep(1200);   /* the page cache sees the changes within a second */
    const article = `/article/${id}/${encodeURIComponent(sql(srv.db, `SELECT slug FROM article WHERE id=${id}`))}`;
    for (const w of WIDTHS) {
        const ctx = await browser.newContext({ viewport: { width: w.width, height: w.height } });
        const page = await ctx.newPage();
        const errors = watch(page);
        await group(`home ${w.name}`, async () => {
            await page_checks(page, base, '/', `home ${w.name}`, `home-${w.name}`);
            const lead = await page.locator('.lead-title').boundingBox();
            check(lead && lead.y + lead.height <= w.height, `home ${w.name}: the lead headline is in the first screen`,
                  lead ? `its bottom at ${lead.y + lead.height}` : 'no lead');
            const img = await page.locator('.lead-image img').boundingBox();
            check(img && (w.width < 700 ? img.y >= lead.y + lead.height : img.x + img.width <= lead.x),
                  `home ${w.name}: the lead picture is ${w.width < 700 ? 'under' : 'beside'} its headline`);
            // the first row of آخر الأخبار: pictures and placeholders the same size, aligned
            const boxes = await page.locator('section.block').first().locator('.card-image').evaluateAll(
                (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.top, r.height, r.width]; }));
            check(boxes.length >= 3, `home ${w.name}: cards have pictures or placeholders`, `${boxes.length}`);
            check(await page.locator('.card-ph').count() >= 1, `home ${w.name}: a section-coloured placeholder`);
            if (w.width > 700) {
                const row = boxes.filter((b) => Math.abs(b[0] - boxes[0][0]) < 1);
                check(row.length >= 3 && row.every((b) => Math.abs(b[1] - row[0][1]) < 1),
                      `home ${w.name}: a row of cards starts with boxes of one height`, JSON.stringify(row));
                const side = await page.locator('aside.side').boundingBox();
                check(side && side.x < 200 && side.y < 400, `home ${w.name}: the sidebar beside the news`,
                      JSON.stringify(side));
                // Each of its blocks can be brought into the screen (a sticky
                // sidebar taller than the screen kept its end out of sight until
                // the end of the page).
                for (const h of await page.locator('aside.side h2').all()) {
                    await h.scrollIntoViewIfNeeded();
                    const b = await h.boundingBox();
                    check(b && b.y >= 0 && b.y + b.height <= w.height,
                          `home ${w.name}: «${await h.textContent()}» can be seen`, JSON.stringify(b));
                }
            }
            // Most read: today's list first, the week's at a click (no script).
            const day = page.locator('ol.side-read-day'), week = page.locator('ol.side-read-week');
            await day.scrollIntoViewIfNeeded();
            check(await day.isVisible() && !await week.isVisible(), `home ${w.name}: most read today first`);
            await page.getByRole('radio', { name: 'هذا الأسبوع' }).check();
            check(await week.isVisible() && !await day.isVisible(), `home ${w.name}: the week's at a click`);
            check(await week.locator('li').first().textContent() !== await day.locator('li').first().textContent(),
                  `home ${w.name}: yesterday's reading leads the week, not today`);
        });
        await group(`section ${w.name}`, () => page_checks(page, base, '/section/world', `section ${w.name}`, `section-${w.name}`));
        await group(`article ${w.name}`, async () => {
            await page_checks(page, base, article, `article ${w.name}`, `article-${w.name}`);
            check(await page.locator('figure.featured figcaption .credit').isVisible(),
                  `article ${w.name}: the picture's caption and credit`);
            const fig = await page.locator('figure.featured').evaluate((e) => getComputedStyle(e).marginInlineStart);
            check(fig === '0px', `article ${w.name}: the figure has no side margin`, fig);
            check(await page.locator('.comment-text[dir=auto]').filter({ hasText: 'example.com' }).count() === 1,
                  `article ${w.name}: the comment with a long URL`);
            check(await page.locator('.comment-meta bdi').filter({ hasText: 'Reader من بيروت' }).count() === 1,
                  `article ${w.name}: the commenter's name isolated in <bdi>`);
            check(await page.locator('a[rel=author][href="/author/salma-haddad"]').count() === 1,
                  `article ${w.name}: the byline links to the author's page`);
            check(await page.locator('.share a').count() === 5, `article ${w.name}: five share links`);
            await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
            await sleep(600);
            await page.screenshot({ path: join(SHOTS, `reader-article-comments-${w.name}.png`) });
        });
        await group(`search ${w.name}`, () => page_checks(page, base, '/search?q=' + encodeURIComponent('الأردن'),
                                                         `search ${w.name}`, `search-${w.name}`));
        await group(`author ${w.name}`, () => page_checks(page, base, '/author/salma-haddad', `author ${w.name}`,
                                                         `author-${w.name}`));
        check(errors.length === 0, `${w.name}: no script errors or failed loads`, errors.join('; '));
        await ctx.close();
    }
    // The ticker's news is read from the first moment (it once began off the
    // screen and crept in), moves, and stands still for those who ask.
    const tickerShown = (page) => page.evaluate(() => {
        const track = document.querySelector('.ticker-track').getBoundingClientRect();
        const first = document.querySelector('.ticker-items:not(.ticker-copy) a').getBoundingClientRect();
        // the start of an Arabic line is its right end: in the track, with text after it
        return first.right <= track.right + 1 && first.right - track.left > 100;
    });
    for (const motion of ['no-preference', 'reduce']) {
        await group(`the ticker (${motion})`, async () => {
            const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, reducedMotion: motion });
            const page = await ctx.newPage();
            await page.goto(base + '/', { waitUntil: 'load' });
            check(await tickerShown(page), `ticker (${motion}): the first news item is in view at once`);
            const beltX = () => page.locator('.ticker-belt').evaluate((e) => e.getBoundingClientRect().x);
            const x0 = await beltX();
            await sleep(2500);      /* it waits a second, then moves */
            const x1 = await beltX();
            if (motion === 'reduce') {
                check(x1 === x0, 'ticker (reduce): it stands still', `${x0} → ${x1}`);
                check(!await page.locator('.ticker-copy').isVisible(), 'ticker (reduce): without its copy');
            } else {
                check(x1 > x0, 'ticker: it moves, from left to right as Arabic tickers do', `${x0} → ${x1}`);
                await page.locator('.ticker').hover();
                const h0 = await beltX();
                await sleep(700);
                const h1 = await beltX();
                check(h0 === h1, 'ticker: and stops under the pointer', `${h0} → ${h1}`);
            }
            await ctx.close();
        });
    }
    await group('dark mode', async () => {
        const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
        const page = await ctx.newPage();
        await page_checks(page, base, article, 'article in dark mode', 'article-dark-390');
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        check(bg !== 'rgb(255, 255, 255)', 'dark mode: a dark page', bg);
        await ctx.close();
    });
});
