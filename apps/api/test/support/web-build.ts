import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The page a web build's index.html holds, without the tags the server adds per page. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>mediashare</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

/** A web build of one page in a folder of its own, for tests of the pages the server fills in. */
export const makeWebBuild = async (): Promise<{ dir: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-web-'));
  await writeFile(path.join(dir, 'index.html'), INDEX_HTML);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
