import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of the repository root, without types
import { summaryLine, tally } from '../../../scripts/lib/test-summary.mjs';

const turboLog = [
  '@mediashare/core:test: \u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m31 passed\u001b[39m\u001b[22m\u001b[90m (31)\u001b[39m',
  '@mediashare/web:test:       Tests  2 failed | 46 passed | 17 skipped (65)',
  '@mediashare/api:test:       Tests  660 passed | 1 skipped | 2 todo (663)',
  '@mediashare/api:test: some line that mentions Tests 5 passed but is not a summary',
].join('\n');

describe('the closing line of pnpm test', () => {
  it('adds up every package summary, colour codes and turbo prefixes included', () => {
    const totals = tally(turboLog);
    expect(totals).toMatchObject({ passed: 737, failed: 2, skipped: 18, todo: 2, summaries: 3 });
  });

  it('is exactly "N passed, N failed, N skipped", numbers only, as CI reads it', () => {
    const line: string = summaryLine(tally(turboLog));
    expect(line).toBe('737 passed, 2 failed, 20 skipped');
    expect(line).toMatch(/^\d+ passed, \d+ failed, \d+ skipped$/);
  });

  it('counts nothing in a log without summaries', () => {
    expect(summaryLine(tally('turbo: no tasks\n'))).toBe('0 passed, 0 failed, 0 skipped');
  });
});
