import fc from 'fast-check';
import { REF_KINDS, type Auth, type Body, type HostileCase, type Ref, type RefKind } from './cases';

/** The rows and files a generated case may refer to, made afresh from time to time (cases delete some). */
export interface Fixtures {
  ownerCookie: string;
  otherCookie: string;
  shareToken: string;
  readToken: string;
  serviceToken: string;
  refs: Record<RefKind, (string | number)[]>;
}

export interface HostileTarget {
  request(request: Request): Promise<Response>;
  /** What refused requests must not change: every table's rows (bookkeeping aside) and every stored file. */
  snapshot(): Promise<string>;
  fixtures(): Promise<Fixtures>;
}

export interface Finding {
  status: number | 'crash' | 'no answer' | 'state changed';
  request: string;
  detail: string;
}

export interface HostileReport {
  cases: number;
  byStatus: Record<string, number>;
  /** Answers >= 500. */
  serverErrors: Finding[];
  /** The app threw instead of answering, did not answer in time, or the process saw an uncaught error. */
  crashes: Finding[];
  /** Refused requests (>= 400) after which rows or files differed. */
  stateChanges: Finding[];
  /** Cases fetch itself would not send (a URL or header it refuses), skipped. */
  unsendable: number;
  /** Operations (REST operationIds, tRPC paths) that received cases. */
  targets: Set<string>;
  rssBefore: number;
  rssAfter: number;
  seconds: number;
  /** Of which spent comparing rows and files. */
  checkSeconds: number;
}

const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 2 &&
  REF_KINDS.includes((value as Ref).ref) &&
  typeof (value as Ref).pick === 'number';

/** Replaces every Ref in a value with the fixture it names. */
const resolve = (value: unknown, fixtures: Fixtures): unknown => {
  if (isRef(value)) {
    const pool = fixtures.refs[value.ref];
    return pool.length > 0 ? pool[value.pick % pool.length] : 0;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, fixtures));
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, fixtures)]));
};

const credentials = (auth: Auth, f: Fixtures): Record<string, string> =>
  ({
    none: {},
    owner: { cookie: f.ownerCookie },
    other: { cookie: f.otherCookie },
    shareToken: { authorization: `Bearer ${f.shareToken}` },
    readToken: { authorization: `Bearer ${f.readToken}` },
    service: { authorization: `Bearer ${f.serviceToken}` },
    garbageCookie: { cookie: 'connect.sid=s%3Anot-a-session.sig; other=1' },
    garbageBearer: { authorization: `Bearer msk_${'Z'.repeat(43)}` },
    basic: { authorization: 'Basic dXNlcjpwYXNz' },
  })[auth];

const encoder = new TextEncoder();
const CRLF = '\r\n';

const multipartBody = (body: Extract<Body, { kind: 'multipart' }>): { bytes: Uint8Array; type: string | undefined } => {
  const chunks: Uint8Array[] = [];
  for (const part of body.parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}`;
    const head = `--${body.boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}${part.type ? `Content-Type: ${part.type}${CRLF}` : ''}${CRLF}`;
    chunks.push(encoder.encode(head), part.content, encoder.encode(CRLF));
  }
  chunks.push(encoder.encode(`--${body.boundary}--${CRLF}`));
  const whole = Buffer.concat(chunks);
  const bytes = body.cut === undefined ? whole : whole.subarray(0, Math.floor(whole.length * body.cut));
  const type = {
    same: `multipart/form-data; boundary=${body.boundary}`,
    quoted: `multipart/form-data; boundary="${body.boundary}"`,
    other: 'multipart/form-data; boundary=not-the-one',
    none: 'multipart/form-data',
  }[body.declared];
  return { bytes: new Uint8Array(bytes), type };
};

/** The HTTP request a case stands for, with its fixtures filled in. */
export const buildRequest = (raw: HostileCase, fixtures: Fixtures): { url: string; init: RequestInit; summary: string } => {
  const c = resolve(raw, fixtures) as HostileCase;
  const search = new URLSearchParams();
  for (const [key, value] of c.query) {
    search.append(
      key,
      typeof value === 'object' && value !== null && 'json' in value ? (JSON.stringify(value.json) ?? '') : String(value),
    );
  }
  const query = search.toString();
  const url = `${c.path.map(String).join('')}${query ? `?${query}` : ''}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(credentials(c.auth, fixtures))) headers.set(name, value);
  // Generated headers come last: a stray cookie or Authorization replaces the credentials.
  for (const [name, value] of c.headers) headers.set(name, String(value));
  let payload: string | Uint8Array<ArrayBuffer> | undefined;
  if (c.body.kind === 'json') {
    payload = JSON.stringify(c.body.value) ?? '';
    if (c.body.type) headers.set('content-type', c.body.type);
  } else if (c.body.kind === 'text') {
    payload = c.body.text;
    if (c.body.type) headers.set('content-type', c.body.type);
  } else if (c.body.kind === 'multipart') {
    const { bytes, type } = multipartBody(c.body);
    payload = bytes as Uint8Array<ArrayBuffer>;
    if (type) headers.set('content-type', type);
  }
  // GET and HEAD carry no body in fetch's Request; the case keeps its other parts.
  const hasBody = payload !== undefined && c.method !== 'GET' && c.method !== 'HEAD';
  const shown = typeof payload === 'string' ? payload.slice(0, 300) : payload ? `<${(payload as Uint8Array).length} bytes>` : '';
  return {
    url,
    init: { method: c.method, headers, ...(hasBody ? { body: payload } : {}) },
    summary: `${c.method} ${url.slice(0, 2000)} [${c.target}] ${c.auth} ${JSON.stringify([...headers].filter(([n]) => n !== 'cookie' && n !== 'authorization'))} ${shown}`,
  };
};

const withDeadline = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);

export interface RunOptions {
  runs: number;
  seed: number;
  /** Fixtures are made afresh every this many cases. */
  refreshEvery?: number;
  /** Longest a single answer may take before it counts as none. */
  answerMs?: number;
  /** After every case, with the report so far (a long run that is cut short still says what it found). */
  onProgress?: (report: HostileReport) => void;
}

/**
 * Sends `runs` generated cases (fast-check, reproducible by `seed`) and judges every answer: never >= 500,
 * never a throw or silence, and after a refusal (>= 400) the same rows and files as before it.
 */
export const runHostileCases = async (
  target: HostileTarget,
  arbitrary: fc.Arbitrary<HostileCase>,
  { runs, seed, refreshEvery = 250, answerMs = 30_000, onProgress }: RunOptions,
): Promise<HostileReport> => {
  const report: HostileReport = {
    cases: 0,
    byStatus: {},
    serverErrors: [],
    crashes: [],
    stateChanges: [],
    unsendable: 0,
    targets: new Set(),
    rssBefore: process.memoryUsage().rss,
    rssAfter: 0,
    seconds: 0,
    checkSeconds: 0,
  };
  const snapshot = async () => {
    const start = performance.now();
    const state = await target.snapshot();
    report.checkSeconds += (performance.now() - start) / 1000;
    return state;
  };
  const started = performance.now();
  let current = '';
  const uncaught = (error: unknown) => report.crashes.push({ status: 'crash', request: current, detail: String(error) });
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', uncaught);
  let fixtures = await target.fixtures();
  let before = await snapshot();
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (hostile) => {
        if (report.cases > 0 && report.cases % refreshEvery === 0) {
          fixtures = await target.fixtures();
          before = await snapshot();
        }
        report.cases += 1;
        report.targets.add(hostile.target);
        let request: Request;
        let summary: string;
        try {
          const built = buildRequest(hostile, fixtures);
          summary = built.summary;
          request = new Request(new URL(built.url, 'http://localhost:3000'), built.init);
        } catch {
          report.unsendable += 1;
          return true;
        }
        current = summary;
        let status: number;
        try {
          const answer = await withDeadline(
            target.request(request).then(async (res) => ({ status: res.status, text: await res.text() })),
            answerMs,
          );
          if (answer === 'timeout') {
            report.crashes.push({ status: 'no answer', request: summary, detail: `no answer in ${answerMs} ms` });
            return true;
          }
          status = answer.status;
          // 501 is a refusal, not a fault: the oEmbed spec's answer to a `format` the server does not
          // implement (GET /api/oembed documents it). Anything else from 500 up is the server failing.
          if (status >= 500 && status !== 501)
            report.serverErrors.push({ status, request: summary, detail: answer.text.slice(0, 300) });
        } catch (error) {
          report.crashes.push({ status: 'crash', request: summary, detail: String(error) });
          return true;
        }
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        const after = await snapshot();
        if (status >= 400 && after !== before) {
          report.stateChanges.push({ status: 'state changed', request: summary, detail: `answered ${status}` });
        }
        before = after;
        onProgress?.(report);
        return true;
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  } finally {
    process.off('uncaughtException', uncaught);
    process.off('unhandledRejection', uncaught);
  }
  report.rssAfter = process.memoryUsage().rss;
  report.seconds = (performance.now() - started) / 1000;
  return report;
};

/** One paragraph of figures, for a test's output and the benchmark's. */
export const describeReport = (report: HostileReport) => {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const statuses = Object.entries(report.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return [
    `${report.cases} hostile requests in ${report.seconds.toFixed(1)} s (${report.checkSeconds.toFixed(1)} s of it comparing state) to ${report.targets.size} operations`,
    `answers >= 500: ${report.serverErrors.length}; crashes: ${report.crashes.length}; refusals that changed state: ${report.stateChanges.length}`,
    `RSS before ${mb(report.rssBefore)}, after ${mb(report.rssAfter)}`,
    `statuses: ${statuses}${report.unsendable ? `; ${report.unsendable} cases fetch would not send` : ''}`,
  ].join('\n');
};
