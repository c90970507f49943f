import { formatStorageBytes, type TStorageUsage } from '@mediashare/core/schemas';
import '../styles/instance.css';

/** "1.2 GiB of 10.0 GiB used", with a bar; without a quota, the usage alone. */
export const UsageBar = ({ usage, quota }: TStorageUsage) => {
  const label =
    quota === null ? `${formatStorageBytes(usage)} used` : `${formatStorageBytes(usage)} of ${formatStorageBytes(quota)} used`;
  return (
    <div className={`usage-bar${quota !== null && usage >= quota ? ' is-full' : ''}`} data-testid="usage-bar">
      <span>{label}</span>
      {quota !== null && <progress max={Math.max(quota, 1)} value={Math.min(usage, quota)} aria-label={label} />}
    </div>
  );
};
