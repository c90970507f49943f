import { cpus, totalmem } from 'node:os';

export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

export interface Row {
  /** Number and name as the benchmark list gives them. */
  id: string;
  name: string;
  /** What was divided by what, in words. */
  ratioOf: string;
  value: number | null;
  /** `<=` or `>=` and the bound. */
  target: { op: '<=' | '>='; bound: number } | null;
  verdict: Verdict;
  /** The raw figures the ratio came from. */
  figures: Record<string, number | string>;
  note?: string;
}

export const judge = (value: number | null, target: Row['target']): Verdict => {
  if (value === null || !Number.isFinite(value)) return 'SKIP';
  if (!target) return 'PASS';
  return (target.op === '<=' ? value <= target.bound : value >= target.bound) ? 'PASS' : 'FAIL';
};

export const row = (r: Omit<Row, 'verdict'> & { verdict?: Verdict }): Row => ({
  ...r,
  verdict: r.verdict ?? judge(r.value, r.target),
});

export const skipped = (id: string, name: string, ratioOf: string, target: Row['target'], note: string): Row =>
  row({ id, name, ratioOf, value: null, target, figures: {}, note, verdict: 'SKIP' });

export const machine = () => {
  const cpu = cpus();
  return {
    cpu: `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
};

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export const table = (rows: Row[]) => {
  const lines = ['| # | measure | ratio | value | target | result | figures |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const target = r.target ? `${r.target.op} ${r.target.bound}` : 'reported';
    const figures = Object.entries(r.figures)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? fmt(v) : v}`)
      .join(', ');
    const note = r.note ? ` (${r.note})` : '';
    lines.push(
      `| ${r.id} | ${r.name} | ${r.ratioOf} | ${r.value === null ? '-' : fmt(r.value)} | ${target} | ${r.verdict} | ${figures}${note} |`,
    );
  }
  return lines.join('\n');
};
