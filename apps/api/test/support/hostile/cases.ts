import fc from 'fast-check';
import type { Route } from '../../../src/rest/define-route';

/**
 * Hostile requests for every declared REST route and every tRPC procedure, generated with fast-check.
 * Ids, codes and paths of real rows are referred to symbolically (`Ref`) and looked up when a case runs,
 * because the rows change as cases run (a generated DELETE may well succeed).
 */
export const REF_KINDS = [
  'mediaId',
  'otherMediaId',
  'communityId',
  'tokenId',
  'userId',
  'shareCode',
  'filePath',
  'publicPath',
] as const;
export type RefKind = (typeof REF_KINDS)[number];
export interface Ref {
  ref: RefKind;
  pick: number;
}
/** A piece of a URL or header: text, or a fixture's value. */
export type Piece = string | Ref;

export type Auth =
  'none' | 'owner' | 'other' | 'shareToken' | 'readToken' | 'service' | 'garbageCookie' | 'garbageBearer' | 'basic';

export interface Part {
  name: string;
  fileName?: string | undefined;
  type?: string | undefined;
  content: Uint8Array;
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; type: string | undefined }
  | { kind: 'text'; text: string; type: string | undefined }
  | { kind: 'multipart'; boundary: string; declared: string; parts: Part[]; cut: number | undefined };

export interface HostileCase {
  /** The operation aimed at: an operationId, a tRPC path, or "stray". */
  target: string;
  method: string;
  path: Piece[];
  /** Values; a `{ json }` one is sent as JSON text (tRPC's `input`). */
  query: [string, Piece | { json: unknown }][];
  auth: Auth;
  headers: [string, Piece][];
  body: Body;
}

/** Small real files and near misses, made once by the caller (sharp lives in the API's tests). */
export interface Samples {
  png: Uint8Array;
  jpeg: Uint8Array;
  gif: Uint8Array;
}

const ref = (kind: RefKind) => fc.nat({ max: 7 }).map((pick): Ref => ({ ref: kind, pick }));
const printable = fc.string({ unit: fc.mapToConstant({ num: 95, build: (v) => String.fromCharCode(v + 0x20) }), maxLength: 40 });
/** Any text a header may carry: printable ASCII and Latin-1, no control characters. */
const headerText = fc.oneof(
  printable,
  fc.string({ unit: fc.mapToConstant({ num: 96, build: (v) => String.fromCharCode(v + 0xa0) }), maxLength: 20 }),
);
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), printable);
const numberText = fc.oneof(
  fc.integer({ min: -10, max: 100 }).map(String),
  fc.constantFrom(
    '0',
    '-1',
    '2147483647',
    '2147483648',
    '9007199254740993',
    '1e3',
    '0x10',
    '1.5',
    ' 1',
    '1 ',
    '١',
    'NaN',
    '00001',
    '+1',
  ),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
);
const nasty = fc.constantFrom(
  '',
  '..',
  '%2e%2e',
  '%00',
  '%',
  '%ZZ',
  '%2F',
  '../../etc/passwd',
  '\u0000',
  'a'.repeat(600),
  '~',
  ';',
  '*',
);
const segment = fc.oneof(anyText.map(encodeURIComponent), nasty, numberText);

/** What a path parameter of this name may be: the fixture it names, numbers, junk. */
const paramOf = (name: string): fc.Arbitrary<Piece> => {
  const known: Record<string, fc.Arbitrary<Piece>> = {
    id: fc.oneof(ref('mediaId'), ref('otherMediaId'), ref('communityId'), ref('tokenId')),
    code: ref('shareCode'),
    userId: ref('userId'),
    source: fc.constantFrom('upload', 'smart-caption', 'babecock', 'hypnococks', 'UPLOAD', 'generated'),
    bucket: fc.constantFrom('general', 'user-media', 'other'),
    path: fc.oneof(
      ref('publicPath'),
      ref('filePath'),
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
    ),
  };
  return fc.oneof({ weight: 3, arbitrary: known[name] ?? segment }, { weight: 2, arbitrary: segment });
};

const SLUGS = ['night', 'urban', 'street', 'beach', 'sunset', 'NIGHT', ' urban ', 'no-such-tag', '', 'x'.repeat(80)];
/** Values that are nearly right for fields of these names, so cases get past the first checks. */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.oneof(ref('mediaId'), ref('communityId'), ref('tokenId'), fc.integer(), numberText),
  shareToCommunity: fc.boolean(),
  policyAgreed: fc.boolean(),
  tags: fc.array(fc.constantFrom(...SLUGS), { maxLength: 12 }),
  email: fc.oneof(fc.emailAddress(), printable),
  username: printable,
  password: fc.oneof(printable, fc.constant('correct horse battery')),
  name: anyText,
  scopes: fc.array(fc.constantFrom('read', 'share', 'admin', ''), { maxLength: 3 }),
  expiresInDays: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double()),
  filePath: fc.oneof(
    ref('filePath'),
    fc.array(segment, { maxLength: 4 }).map((s) => s.join('/')),
  ),
  cursor: fc.oneof(fc.base64String({ maxLength: 40 }), anyText),
  limit: fc.oneof(fc.integer({ min: -5, max: 500 }), numberText),
  origin: fc.constantFrom('uploaded', 'generated', 'other'),
  direction: fc.constantFrom('forward', 'backward', 'sideways'),
};
const fieldValue = (key: string) =>
  fc.oneof(
    { weight: 4, arbitrary: FIELDS[key] ?? fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

type Inspectable = { _zod?: { def: { shape?: Record<string, unknown>; innerType?: Inspectable; in?: Inspectable } } };
/** The keys an object schema takes, under optional/default/pipe wrappers. */
export const keysOf = (schema: unknown): string[] => {
  const def = (schema as Inspectable | undefined)?._zod?.def;
  if (!def) return [];
  if (def.shape) return Object.keys(def.shape);
  return keysOf(def.innerType ?? def.in);
};

/** An object with the schema's keys, each nearly right or wrong, some dropped, some strangers added. */
const shaped = (keys: string[]) =>
  fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((key) => [key, fieldValue(key)])), { requiredKeys: [] }),
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'extra', 'source', 'userId', 'isShared'),
        fc.jsonValue({ maxDepth: 1 }),
        {
          maxKeys: 2,
        },
      ),
    )
    .map(([known, strangers]) => ({ ...strangers, ...known }));

const jsonTypes = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const brokenJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    '"str"',
    '\uFEFF{}',
    '{"a":1}{"b":2}',
    `${'['.repeat(3000)}${']'.repeat(3000)}`,
    '1e999999',
  ),
  fc.nat({ max: 80 * 1024 }).map((n) => JSON.stringify({ filler: 'x'.repeat(n) })),
  anyText,
);

const partOf = (samples: Samples) =>
  fc.record({
    name: fc.oneof({ weight: 4, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: anyText }),
    fileName: fc.option(
      fc.oneof(
        fc.constantFrom('photo.png', 'Été.gif', 'x.html', '../../../etc/passwd', '.', '', 'a'.repeat(300) + '.jpg'),
        anyText,
      ),
      { nil: undefined },
    ),
    type: fc.option(fc.constantFrom('image/png', 'image/jpeg', 'text/html', 'application/octet-stream', 'image/svg+xml'), {
      nil: undefined,
    }),
    content: fc.oneof(
      fc.constantFrom(samples.png, samples.jpeg, samples.gif, new Uint8Array(), new TextEncoder().encode('<svg/>')),
      // A real image with bytes changed or cut short, and plain noise.
      fc
        .tuple(fc.constantFrom(samples.png, samples.jpeg, samples.gif), fc.nat(), fc.nat({ max: 255 }))
        .map(([bytes, at, value]) => {
          const copy = bytes.slice();
          copy[at % copy.length] = value;
          return copy;
        }),
      fc.tuple(fc.constantFrom(samples.png, samples.gif), fc.nat()).map(([bytes, n]) => bytes.slice(0, n % bytes.length)),
      fc.uint8Array({ maxLength: 2048 }),
    ),
  });

/** Mostly a well-formed upload with one thing wrong (cut short, a stray boundary), sometimes anything. */
const multipart = (samples: Samples) =>
  fc.record({
    kind: fc.constant('multipart' as const),
    boundary: fc.oneof(
      { weight: 3, arbitrary: fc.constant('----fuzzboundary7MA4YWxk') },
      printable.filter((b) => b.length > 0 && !/[\s"]/.test(b)),
    ),
    declared: fc.oneof({ weight: 6, arbitrary: fc.constant('same') }, fc.constantFrom('other', 'none', 'quoted')),
    parts: fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .tuple(partOf(samples), fc.array(partOf(samples), { maxLength: 1 }))
          .map(([first, rest]) => [{ ...first, name: 'file' }, ...rest]),
      },
      fc.array(partOf(samples), { maxLength: 3 }),
    ),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 2 }),
  });

const bodyFor = (kind: 'json' | 'file' | 'none', keys: string[], samples: Samples): fc.Arbitrary<Body> => {
  const json = fc.record({
    kind: fc.constant('json' as const),
    value: fc.oneof(shaped(keys), fc.jsonValue({ maxDepth: 3 })),
    type: jsonTypes,
  });
  const text = fc.record({ kind: fc.constant('text' as const), text: brokenJson, type: jsonTypes });
  const none = fc.constant({ kind: 'none' as const });
  if (kind === 'file') return fc.oneof({ weight: 6, arbitrary: multipart(samples) }, text, none, json);
  if (kind === 'json') return fc.oneof({ weight: 6, arbitrary: json }, { weight: 2, arbitrary: text }, none, multipart(samples));
  return fc.oneof({ weight: 6, arbitrary: none }, json, text);
};

const AUTHS: Auth[] = ['none', 'owner', 'other', 'shareToken', 'readToken', 'service', 'garbageCookie', 'garbageBearer', 'basic'];
const authArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Auth>('owner', 'shareToken') }, fc.constantFrom(...AUTHS));

/** A few headers a case carries besides its credentials: most cases none or one or two. */
const headersArb = fc
  .uniqueArray(
    fc.oneof(
      fc.tuple(fc.constant('origin'), fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null')),
      fc.tuple(fc.constant('sec-fetch-site'), fc.constantFrom('same-origin', 'cross-site', 'none')),
      fc.tuple(
        fc.constant('range'),
        fc.oneof(
          fc.constantFrom('bytes=0-9', 'bytes=-5', 'bytes=999999-', 'bytes=5-1', 'bytes=0-0,2-3', 'bytes=', 'lines=1-2'),
          headerText,
        ),
      ),
      fc.tuple(fc.constant('if-none-match'), headerText),
      fc.tuple(
        fc.constant('if-modified-since'),
        fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
          headerText,
        ),
      ),
      fc.tuple(fc.constant('accept'), fc.constantFrom('application/json', 'text/html', '*/*', 'image/*')),
      fc.tuple(fc.constant('x-forwarded-for'), fc.oneof(fc.ipV4(), fc.ipV6(), headerText)),
      fc.tuple(fc.constant('idempotency-key'), headerText),
      fc.tuple(fc.constant('cookie'), headerText),
      fc.tuple(
        fc.constant('authorization'),
        fc.oneof(
          headerText,
          headerText.map((t) => `Bearer ${t}`),
        ),
      ),
      fc.tuple(fc.constant('content-length'), numberText),
      fc.tuple(
        printable.filter((n) => /^[a-z][a-z-]{0,20}$/.test(n)),
        headerText,
      ),
    ),
    { maxLength: 3, selector: ([name]) => name },
  )
  .map((headers) => headers as [string, Piece][]);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const methodOf = (declared: string) =>
  fc.oneof({ weight: 8, arbitrary: fc.constant(declared) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });

const queryOf = (keys: string[]) =>
  fc.array(
    fc.tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(keys.length ? keys : ['q'])) }, printable),
      fc.oneof(
        fc
          .oneof(...keys.map((k) => FIELDS[k] ?? anyText).concat(anyText))
          .map((v): Piece => (typeof v === 'object' && v !== null && 'ref' in v ? (v as Ref) : String(v))),
        segment,
      ),
    ),
    { maxLength: 4 },
  );

/** Cases aimed at one declared REST route. */
const restCases = (route: Route, samples: Samples): fc.Arbitrary<HostileCase> => {
  const template = route.path.split(/(\{[^}]+\})/).filter(Boolean);
  const pieces = template.map((part) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    return name ? paramOf(name) : fc.constant<Piece>(part);
  });
  const body = route.request?.body;
  return fc.record({
    target: fc.constant(route.operationId),
    method: methodOf(route.method.toUpperCase()),
    path: fc.tuple(...pieces),
    query: queryOf(keysOf(route.request?.query)),
    auth: authArb,
    headers: headersArb,
    body: bodyFor(body?.kind ?? 'none', keysOf(body?.kind === 'json' ? body.schema : undefined), samples),
  });
};

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  inputKeys: string[];
}

/** tRPC calls: single or batched, as GET or POST, with inputs shaped like the procedure's or not. */
const trpcCases = (procedures: ProcedureInfo[]): fc.Arbitrary<HostileCase> => {
  const call = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...procedures) },
    { weight: 1, arbitrary: printable.map((path): ProcedureInfo => ({ path, type: 'query', inputKeys: [] })) },
  );
  const input = (p: ProcedureInfo) =>
    fc.oneof({ weight: 4, arbitrary: shaped(p.inputKeys) }, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
  const calls = fc
    .array(call, { minLength: 1, maxLength: 4 })
    .chain((list) => fc.tuple(...list.map((p) => input(p).map((value) => ({ p, value })))));
  return fc
    .record({
      calls,
      batched: fc.boolean(),
      method: fc.oneof({ weight: 4, arbitrary: fc.constant('auto') }, fc.constantFrom(...METHODS)),
      auth: authArb,
      headers: headersArb,
      raw: fc.option(fc.record({ text: brokenJson, type: jsonTypes }), { nil: undefined, freq: 6 }),
    })
    .map(({ calls: all, batched, method, auth, headers, raw }): HostileCase => {
      const used = batched ? all : all.slice(0, 1);
      const isQuery = used.every(({ p }) => p.type === 'query');
      const verb = method === 'auto' ? (isQuery ? 'GET' : 'POST') : method;
      const payload = batched ? Object.fromEntries(used.map(({ value }, i) => [String(i), value])) : used[0]?.value;
      const query: HostileCase['query'] = batched ? [['batch', '1']] : [];
      let body: Body = { kind: 'none' };
      if (raw) body = { kind: 'text', text: raw.text, type: raw.type };
      else if (verb === 'GET' || verb === 'HEAD') query.push(['input', { json: payload }]);
      else body = { kind: 'json', value: payload, type: 'application/json' };
      return {
        target: `trpc:${used.map(({ p }) => p.path).join(',')}`,
        method: verb,
        path: ['/trpc/', used.map(({ p }) => encodeURIComponent(p.path)).join(',')],
        query,
        auth,
        headers,
        body,
      };
    });
};

/** Paths no route declares: near misses of real ones, and anything at all. */
const strayCases = (samples: Samples): fc.Arbitrary<HostileCase> =>
  fc.record({
    target: fc.constant('stray'),
    method: fc.constantFrom(...METHODS),
    path: fc
      .tuple(
        fc.constantFrom('/api/', '/api/user/', '/api/media/', '/trpc/', '/storage/v1/object/public/', '/', '/shared/media/'),
        fc.array(segment, { maxLength: 3 }),
      )
      .map(([prefix, segments]): Piece[] => [prefix + segments.join('/')]),
    query: queryOf([]),
    auth: authArb,
    headers: headersArb,
    body: bodyFor('json', [], samples),
  });

/** Every declared route and procedure gets its share of cases; a new one is covered when it is declared. */
export const hostileCases = (
  routes: readonly Route[],
  procedures: ProcedureInfo[],
  samples: Samples,
): fc.Arbitrary<HostileCase> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...routes.map((route) => restCases(route, samples))) },
    { weight: 3, arbitrary: trpcCases(procedures) },
    { weight: 1, arbitrary: strayCases(samples) },
  );
