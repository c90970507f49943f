export { sweepStorage, type SweepResult } from './sweep-storage';
export { checkHealth } from './check-health';
