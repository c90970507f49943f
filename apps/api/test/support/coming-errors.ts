import { defineErrors } from '@mediashare/core';

/** Errors of the kinds the next routes need: extra body fields, and rate-limit headers. */
export const COMING = defineErrors({
  passwordRequired: { status: 401, message: 'Password required', body: () => ({ passwordRequired: true }) },
  slowDown: { status: 429, message: 'Slow down', headers: () => ({ 'Retry-After': '7', 'RateLimit-Remaining': '0' }) },
});
