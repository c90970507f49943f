export { sweepStorage, type SweepResult } from './sweep-storage';
export { checkHealth } from './check-health';
export { checkReadiness, READINESS_TIMEOUT_MS, type Readiness } from './check-readiness';
