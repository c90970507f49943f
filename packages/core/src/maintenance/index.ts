export { sweepStorage, type SweepResult } from './sweep-storage';
export { checkHealth } from './check-health';
export { sweepExpired, type ExpiredSweepResult } from './sweep-expired';
export { runSweep, type FullSweepResult } from './run-sweep';
