import type { DatabasePort, Repos } from '@mediashare/core';
import { connect, type ConnectOptions, type Connection, type Executor } from './client';
import { activityRepo } from './repos/activity';
import { loginThrottleRepo } from './repos/login-throttle';
import { mediaRepo } from './repos/media';
import { sessionRepo } from './repos/sessions';
import { storageIntentRepo } from './repos/storage-intents';
import { tagRepo } from './repos/tags';
import { userRepo } from './repos/users';

export const reposFor = (db: Executor): Repos => ({
  users: userRepo(db),
  sessions: sessionRepo(db),
  loginThrottle: loginThrottleRepo(db),
  media: mediaRepo(db),
  tags: tagRepo(db),
  activity: activityRepo(db),
  storageIntents: storageIntentRepo(db),
});

/** Stable small integers for the named job locks of `runExclusive`. */
const JOB_LOCKS: Record<string, number> = { 'storage-sweep': 2, 'session-sweep': 3 };

export const createDatabase = (connection: Connection): DatabasePort & { connection: Connection } => ({
  ...reposFor(connection.db),
  connection,
  // Inside `fn` only `tx` may be used: on PGlite the outer handle would wait for this very transaction.
  transaction: (fn) => connection.db.transaction((tx) => fn(reposFor(tx as unknown as Executor))),
  async runExclusive(job, fn) {
    const key = JOB_LOCKS[job];
    if (key === undefined) throw new Error(`unknown job lock: ${job}`);
    const outcome = await connection.tryExclusive(key, fn);
    return outcome.ran ? outcome.value : undefined;
  },
  close: () => connection.close(),
});

/** Connects, applies the committed migrations, and returns the port core uses. */
export const openDatabase = async (options: ConnectOptions) => {
  const connection = await connect(options);
  await connection.migrate();
  return createDatabase(connection);
};
