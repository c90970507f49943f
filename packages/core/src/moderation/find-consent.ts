import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { UserRecord } from '../ports/records';
import type { TConsent } from '../schemas/moderation';

/** `GET /api/community/:id/consent`: the receipts of a copy, for its owner and admins; 404 to anyone else. */
export const findConsent = async (
  { db }: Pick<CoreDeps, 'db'>,
  { user, communityMediaId }: { user: UserRecord; communityMediaId: number },
): Promise<TConsent> => {
  const copy = await db.community.findById(communityMediaId);
  if (!copy || (copy.userId !== user.id && user.role !== 'admin')) throw ERRORS.communityItemNotFound();
  const receipts = await db.moderation.findReceipts(communityMediaId);
  return {
    communityMediaId,
    receipts: receipts.map((r) => ({
      policyVersion: r.policyVersion,
      policySha256: r.policySha256,
      statement: r.statement,
      userId: r.userId,
      createdAt: r.createdAt.toISOString(),
      reqId: r.reqId,
    })),
  };
};
