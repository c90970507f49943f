export { changePassword, type ChangePasswordOptions } from './change-password';
export { updateProfile } from './update-profile';
export { endOtherSessions, endSession, findSessions } from './manage-sessions';
export { deviceLabel } from './device-label';
