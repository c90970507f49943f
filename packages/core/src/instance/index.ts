export { createInvite, deleteInvite, findInvites } from './manage-invites';
export { hashInviteCode } from './invite-code';
export { createUserAccount } from './create-user-account';
export { getStorageUsage, quotaFor, openReservation, type Reservation } from './storage-quota';
export { getAccountStatus } from './get-account-status';
export { findUsersWithUsage, updateUserQuota } from './manage-quotas';
