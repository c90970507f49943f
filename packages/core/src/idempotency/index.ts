export {
  replayOrRun,
  fingerprintOf,
  type IdempotentAnswer,
  type IdempotentOutcome,
  type IdempotentRequest,
} from './replay-or-run';
export { hashIdempotencyKey } from './sealed-answer';
