import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to, and probes whether it may as
// each object schema is made. The page's Content-Security-Policy allows no eval, so the probe would be
// reported as a violation: this module is imported before any schema exists.
z.config({ jitless: true });
