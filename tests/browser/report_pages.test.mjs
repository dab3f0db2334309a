// The rendered reports in a real browser: Debian's chromium, headless,
// driven by puppeteer-core. For the SQS letter (Bolton) and the rated
// report (Eastmoor, 2025 framework) it checks the page as readers and
// printers get it: one h1 and no skipped heading level, footnotes linked
// both ways, the ratings table's caption and row headers, each rating in
// words and in its colour, a key-question chart per case standard whose
// bars and text equivalent agree, page numbers in print, a PDF; and axe-core
// finds no serious or critical accessibility violation.
//
// The management board's summary of the action plan gets the same outline,
// table and accessibility checks, with its overdue actions first.
//
// REPORT_PAGES names the folder render_example_reports wrote; CHROMIUM the
// browser. Run by ctest (tests/browser.cmake).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, seriousViolations } from './browser_checks.mjs';

const pages = process.env.REPORT_PAGES;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

let browser;

before(async () => {
  assert.ok(pages, 'REPORT_PAGES must name the folder of rendered reports');
  assert.ok(existsSync(chromium),
    `${chromium} is missing: install Debian's chromium (scripts/packages.txt)`);
  browser = await launchChromium(chromium);
});

after(async () => {
  if (browser) await browser.close();
});

async function open(name) {
  const file = path.join(pages, name);
  assert.ok(existsSync(file), `${file} was not rendered`);
  const page = await browser.newPage();
  // Self-contained: the page must not fetch anything.
  const fetched = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) fetched.push(request.url());
    request.continue();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  assert.deepEqual(fetched, [], 'the page fetched other resources');
  return page;
}

async function headingLevels(page) {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
    hs.map((h) => Number(h.tagName.slice(1))));
}

function assertHeadingOutline(levels) {
  assert.equal(levels.filter((l) => l === 1).length, 1, 'exactly one h1');
  assert.equal(levels[0], 1, 'the first heading is the h1');
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1,
      `heading level ${levels[i]} follows ${levels[i - 1]} (a level skipped)`);
  }
}

// Every footnote mark leads to its footnote and the footnote back to it.
async function footnoteLinks(page) {
  return page.$$eval(
    'a[href^="#footnote-"]:not([href^="#footnote-ref-"])', (links) => links.map((a) => {
    const target = document.getElementById(a.getAttribute('href').slice(1));
    const back = target && target.querySelector('a[href^="#footnote-ref-"]');
    return {
      mark: a.textContent,
      target: target ? target.className : null,
      backTo: back ? back.getAttribute('href').slice(1) : null,
      id: a.id,
    };
  }));
}

// The printed page: a PDF of at least one page, and page numbers from the
// style sheet's page-margin rule.
async function printed(page) {
  await page.emulateMediaType('print');
  const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
  const pageNumbers = await page.evaluate(() => {
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule.type === CSSRule.PAGE_RULE &&
            /counter\(page\)/.test(rule.cssText) &&
            /counter\(pages\)/.test(rule.cssText)) {
          return rule.cssText;
        }
      }
    }
    return null;
  });
  await page.emulateMediaType(null);
  const text = pdf.toString('latin1');
  return {
    header: text.slice(0, 5),
    pages: (text.match(/\/Type\s*\/Page[^s]/g) || []).length,
    pageNumbers,
  };
}

test('the SQS letter: outline, footnotes, print, accessibility', async () => {
  const page = await open('bolton-sqs-2014.html');
  try {
    assertHeadingOutline(await headingLevels(page));
    assert.match(await page.$eval('h1', (h) => h.textContent),
      /Short Quality Screening .* in Bolton/);
    assert.equal(await page.$eval('html', (h) => h.lang), 'en-GB');

    const links = await footnoteLinks(page);
    assert.deepEqual(links.map((l) => l.mark), ['1', '2']);
    for (const link of links) {
      assert.equal(link.target, 'footnote', `footnote ${link.mark} exists`);
      assert.equal(link.backTo, link.id, `footnote ${link.mark} links back`);
    }

    const pdf = await printed(page);
    assert.equal(pdf.header, '%PDF-');
    assert.ok(pdf.pages >= 2, `the letter prints on ${pdf.pages} pages`);
    assert.ok(pdf.pageNumbers, 'no page numbers in print');

    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page.close();
  }
});

test('the rated report: ratings table, charts, print, accessibility', async () => {
  const page = await open('eastmoor-2025.html');
  try {
    assertHeadingOutline(await headingLevels(page));
    assert.equal(await page.$eval('h1', (h) => h.textContent),
      'Inspection of youth offending services in Eastmoor');

    // The ratings table opens the report, before the recommendations.
    const order = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(order.slice(0, 3),
      ['Ratings', 'Recommendations', 'About this inspection']);
    const table = await page.$eval('table.ratings', (t) => ({
      caption: t.caption ? t.caption.textContent : null,
      rows: [...t.tBodies].flatMap((b) => [...b.rows]).map((r) => ({
        header: r.cells[0].tagName + ':' + (r.cells[0].getAttribute('scope') || ''),
        name: r.cells[0].textContent,
        rating: r.cells[1] ? r.cells[1].textContent : null,
      })),
    }));
    assert.equal(table.caption, 'Ratings of Eastmoor Youth Justice Service');
    const standards = table.rows.filter((r) => r.header === 'TH:row');
    assert.deepEqual(standards.map((r) => [r.name, r.rating]), [
      ['Overall rating', 'Good (score 11 of 21)'],
      ['1.1 Leadership and governance', 'Good'],
      ['1.2 Staff, information and facilities', 'Requires improvement'],
      ['1.3 Partnerships, services and Appropriate Adult arrangements', 'Good'],
      ['2.1 Assessing', 'Good'],
      ['2.2 Planning', 'Requires improvement'],
      ['2.3 Delivery', 'Good'],
      ['Work with victims', 'Requires improvement'],
    ]);
    assert.deepEqual(
      table.rows.filter((r) => r.header === 'TH:rowgroup').map((r) => r.name),
      ['Domain 1: Organisational delivery', 'Domain 2: Work with children',
        'Work with victims']);

    // Each rating is in words, and its colour follows the words: the same
    // words, the same colour; different words, different colours.
    const colours = await page.$$eval('.rating', (els) => els.map((e) => [
      e.textContent, getComputedStyle(e).backgroundColor]));
    const byWords = new Map();
    for (const [words, colour] of colours) {
      assert.ok(words.trim().length > 0, 'a rating without words');
      assert.notEqual(colour, 'rgba(0, 0, 0, 0)', `${words} has no colour`);
      if (byWords.has(words)) assert.equal(byWords.get(words), colour);
      byWords.set(words, colour);
    }
    assert.deepEqual([...byWords.keys()].sort(), ['Good', 'Requires improvement']);
    assert.notEqual(byWords.get('Good'), byWords.get('Requires improvement'));

    // A chart per standard rated from cases, its bars as long as the shares
    // its text equivalent states, against lines at 50%, 65% and 80%.
    const charts = await page.$$eval('figure.kq-chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const track = svg.querySelector('rect.kq-track');
        const x0 = Number(track.getAttribute('x'));
        const width = Number(track.getAttribute('width'));
        return {
          caption: f.querySelector('figcaption').textContent,
          role: svg.getAttribute('role'),
          name: svg.querySelector('title').textContent,
          labelled: svg.getAttribute('aria-labelledby') ===
            svg.querySelector('title').id,
          bars: [...svg.querySelectorAll('rect.kq-bar')].map((r) =>
            Number(r.getAttribute('width')) / width),
          lines: [...svg.querySelectorAll('line.kq-band')].map((l) =>
            Math.round((Number(l.getAttribute('x1')) - x0) / width * 100)),
          said: [...f.querySelectorAll('ul.kq-values li')].map((li) =>
            li.textContent),
        };
      }));
    assert.deepEqual(charts.map((c) => c.caption.split(':')[0]),
      ['2.1 Assessing', '2.2 Planning', '2.3 Delivery', 'Work with victims']);
    for (const chart of charts) {
      assert.equal(chart.role, 'img');
      assert.ok(chart.labelled, `${chart.caption}: the SVG is not labelled`);
      assert.deepEqual(chart.lines, [80, 65, 50]);
      assert.equal(chart.bars.length, chart.said.length);
      chart.said.forEach((text, i) => {
        const [, percent, positive, applicable] =
          text.match(/: (\d+)% \((\d+) of (\d+) /);
        assert.ok(Math.abs(chart.bars[i] - positive / applicable) < 0.001,
          `${chart.caption}: bar ${i} is not ${positive}/${applicable}`);
        assert.equal(Number(percent),
          Math.floor((100 * positive) / applicable), text);
        assert.ok(chart.name.includes(text), `the SVG's name lacks "${text}"`);
      });
    }
    assert.deepEqual(charts[1].said, [
      'Positive change: 71% (20 of 28 cases)',
      'Safety of child: 60% (17 of 28 cases), the lowest',
      'Safety of community: 65% (17 of 26 cases)',
    ]);

    // The recommendations, numbered, each with its addressee.
    const recommendations = await page.$$eval(
      'h2 + ul li, h2 + ol li', (lis) => lis.map((li) => li.textContent));
    assert.ok(recommendations.some((r) => r.startsWith('1. The management board:')),
      recommendations.join('\n'));

    const pdf = await printed(page);
    assert.equal(pdf.header, '%PDF-');
    assert.ok(pdf.pages >= 2, `the report prints on ${pdf.pages} pages`);
    assert.ok(pdf.pageNumbers, 'no page numbers in print');

    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page.close();
  }
});

test('the board summary: overdue first, tables, accessibility', async () => {
  const page = await open('eastmoor-2025-board.html');
  try {
    assertHeadingOutline(await headingLevels(page));
    const h2s = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(h2s,
      ['Overdue actions', 'Recommendations and their actions', 'Ratings']);
    const tables = await page.$$eval('table', (ts) => ts.map((t) => ({
      caption: t.caption ? t.caption.textContent : null,
      rows: t.tBodies[0].rows.length,
    })));
    for (const table of tables) {
      assert.ok(table.caption, 'a table without a caption');
    }
    assert.match(tables[0].caption, /^Overdue actions/);
    assert.ok(tables[0].rows >= 1, 'the example has an overdue action');
    const overdue = await page.$$eval('table.overdue tbody tr', (rows) =>
      rows.map((r) => r.lastElementChild.textContent));
    for (const status of overdue) assert.match(status, /\(overdue\)$/);

    const pdf = await printed(page);
    assert.equal(pdf.header, '%PDF-');
    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page.close();
  }
});
