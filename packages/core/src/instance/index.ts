export { createInvite, deleteInvite, findInvites } from './manage-invites';
export { hashInviteCode } from './invite-code';
export { createUserAccount } from './create-user-account';
