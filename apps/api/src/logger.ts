import pino, { type DestinationStream, type Logger as Pino } from 'pino';

export const createLogger = (level: string, destination?: DestinationStream): Pino =>
  pino(
    {
      level,
      base: { service: 'mediashare-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ sync: false }),
  );

export type { Pino as Logger };
