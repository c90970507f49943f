import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's policy/ folder: three levels up from apps/api/src and from apps/api/dist alike. */
export const DEFAULT_POLICY_DIR = path.resolve(import.meta.dirname, '../../../policy');

const VERSION = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The Community sharing policy in force: `<dir>/<version>.md`, the version configured or else the
 * newest by name. Read once at start; a missing file stops the start rather than publishing unreceipted.
 */
export const loadPolicy = ({ dir = DEFAULT_POLICY_DIR, version }: { dir?: string | undefined; version?: string | undefined }) => {
  const chosen =
    version ??
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -3))
      .sort()
      .at(-1);
  if (!chosen || !VERSION.test(chosen)) throw new Error(`No Community sharing policy found in ${dir}`);
  const text = readFileSync(path.join(dir, `${chosen}.md`), 'utf8');
  return { version: chosen, text, sha256: createHash('sha256').update(text).digest('hex') };
};
