import { setPriority } from 'node:os';

// Image work yields the CPU to the API process: at a lower priority, set before sharp starts any
// thread (threads inherit it), requests keep their latency while both cores decode and encode.
try {
  setPriority(10);
} catch {
  // Some platforms refuse; the service still works, only without the latency protection.
}
await import('./service');
