import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { InviteRecord } from '../ports/records';
import type { TCreatedInvite, TCreateInviteInput, TInvite } from '../schemas/instance';
import { ZCreateInviteInput } from '../schemas/instance';
import { createInviteCode, hashInviteCode, inviteLinkFor } from './invite-code';

const toInvite = (invite: InviteRecord): TInvite => ({
  id: invite.id,
  uses: invite.uses,
  usesLeft: invite.maxUses - invite.uses,
  expiresAt: invite.expiresAt?.toISOString() ?? null,
  createdAt: invite.createdAt.toISOString(),
});

/** A new invite: the code and its link are answered once; only the code's hash is kept. */
export const createInvite = async (
  deps: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  { adminId, input }: { adminId: number; input: TCreateInviteInput },
): Promise<TCreatedInvite> => {
  const { uses, expiresAt } = ZCreateInviteInput.parse(input);
  const expires = expiresAt ? new Date(expiresAt) : null;
  if (expires && expires <= deps.now()) throw ERRORS.invalidInput({ detail: 'Invalid field "expiresAt": must be in the future' });
  const code = createInviteCode();
  const invite = await deps.db.invites.create({
    codeHash: hashInviteCode(code),
    createdBy: adminId,
    maxUses: uses,
    expiresAt: expires,
  });
  deps.logger.info({ inviteId: invite.id, adminId, uses }, 'invite created');
  return { ...toInvite(invite), code, link: inviteLinkFor(code) };
};

export const findInvites = async ({ db }: Pick<CoreDeps, 'db'>) => ({ invites: (await db.invites.findAll()).map(toInvite) });

export const deleteInvite = async ({ db, logger }: Pick<CoreDeps, 'db' | 'logger'>, { id }: { id: number }) => {
  if (!(await db.invites.delete(id))) throw ERRORS.inviteNotFound();
  logger.info({ inviteId: id }, 'invite deleted');
};
