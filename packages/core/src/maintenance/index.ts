export { sweepStorage, type SweepResult } from './sweep-storage';
