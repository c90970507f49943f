import type { CoreDeps } from '../deps';
import { policyStatement, type TPolicy } from '../schemas/moderation';

/** `GET /api/policy`: the Community sharing policy in force, and the statement a share agrees to. */
export const getPolicy = ({ config }: Pick<CoreDeps, 'config'>): TPolicy => ({
  ...config.policy,
  statement: policyStatement(config.policy.version),
});
