import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
export const WEB_ROOT = path.join(REPO_ROOT, 'apps/web');
export const SCREENSHOTS = path.join(WEB_ROOT, 'test-results/screenshots');
export const fixture = (name: string) => path.join(WEB_ROOT, 'e2e/fixtures', name);
