import path from 'node:path';
import { REPO_ROOT } from '@mediashare/testing';

export { REPO_ROOT };
export const WEB_ROOT = path.join(REPO_ROOT, 'apps/web');
export const SCREENSHOTS = path.join(WEB_ROOT, 'test-results/screenshots');
export const fixture = (name: string) => path.join(WEB_ROOT, 'e2e/fixtures', name);
