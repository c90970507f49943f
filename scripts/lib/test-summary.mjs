// Adds up what Vitest reported in each package of a turbo run, for the closing line CI reads.

// eslint-disable-next-line no-control-regex -- ANSI colour sequences are what this strips
const ANSI = /\x1b\[[0-9;]*m/g;
// Vitest's summary, e.g. "Tests  3 failed | 634 passed | 1 skipped (638)", after turbo's "pkg:test: " prefix.
const SUMMARY = /^(?:\S+:test:)?\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)\s*$/;

export const tally = (text) => {
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, summaries: 0 };
  for (const raw of text.split(/\r?\n/)) {
    const match = SUMMARY.exec(raw.replace(ANSI, ''));
    if (!match) continue;
    totals.summaries += 1;
    for (const [, count, kind] of match[1].matchAll(/(\d+) ([a-z]+)/g)) {
      if (kind in totals) totals[kind] += Number(count);
    }
  }
  return totals;
};

/** Exactly `N passed, N failed, N skipped`: numbers only, nothing before or after (CI parses it). */
export const summaryLine = (totals) =>
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped + totals.todo} skipped`;
