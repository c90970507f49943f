export { AppError, isAppError, type AppErrorInit, type ErrorStatus } from './app-error';
export { defineErrors, type ErrorAnswer, type ErrorFactory, type ErrorSpec } from './define-errors';
export { ERRORS, type ErrorCode } from './catalog';
