import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';

interface RequestScope {
  reqId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `reqId` attached to every log line written inside it, however deep. */
export const withRequestScope = <T>(reqId: string, fn: () => T): T => scope.run({ reqId }, fn);

export const createLogger = (level: string, destination?: DestinationStream): Pino =>
  pino(
    {
      level,
      base: { service: 'mediashare-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const current = scope.getStore();
        return current ? { reqId: current.reqId } : {};
      },
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ sync: false }),
  );

export type { Pino as Logger };
