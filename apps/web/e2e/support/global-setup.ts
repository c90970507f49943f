import { ensureBuilds } from '@mediashare/testing';

/** The browser test runs the built web app and server; turbo builds first, a run on its own rebuilds here. */
export default function setup() {
  ensureBuilds(['web', 'api']);
}
