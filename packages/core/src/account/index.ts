export { changePassword, type ChangePasswordOptions } from './change-password';
export { updateProfile } from './update-profile';
export { endOtherSessions, endSession, findSessions } from './manage-sessions';
export { deviceLabel } from './device-label';
export { createPasswordReset, RESET_LINK_TTL_MS } from './create-password-reset';
export { resetPassword } from './reset-password';
export { requestPasswordReset } from './request-password-reset';
export { grantAdmin } from './grant-admin';
