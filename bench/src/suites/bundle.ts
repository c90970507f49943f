import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '@mediashare/testing';
import { row, type Row } from '../report';

/** The web app's initial JavaScript (entry script and modulepreloads in index.html), gzipped. */
export const bundleSuite = async (): Promise<Row[]> => {
  const dist = path.join(REPO_ROOT, 'apps/web/dist');
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  let gzipped = 0;
  for (const script of scripts) gzipped += gzipSync(await readFile(path.join(dist, script))).length;
  return [
    row({
      id: '12',
      name: 'Web app initial JavaScript',
      ratioOf: 'gzipped kB of the scripts index.html loads',
      value: gzipped / 1024,
      target: { op: '<=', bound: 200 },
      figures: { files: scripts.length },
    }),
  ];
};
