import { LINK_LIMITS, type TLinkSettings } from '@mediashare/core/schemas';
import { useId, useState } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';

const HOUR = 3_600_000;
/** Expiry presets, from now; `custom` opens a date and time field, `never` clears the expiry. */
const PRESETS = [
  { value: 'never', label: 'Never' },
  { value: '1h', label: '1 hour', ms: HOUR },
  { value: '1d', label: '1 day', ms: 24 * HOUR },
  { value: '7d', label: '7 days', ms: 7 * 24 * HOUR },
  { value: '30d', label: '30 days', ms: 30 * 24 * HOUR },
  { value: 'custom', label: 'Custom' },
] as const;
type Preset = (typeof PRESETS)[number]['value'];

/** `datetime-local` wants local time without a zone. */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

interface LinkSettingsProps {
  itemId: number;
  link: TLinkSettings;
  views: number | null;
}

/**
 * The "Link settings" section of the share dialog: expiry, view limit, password, downloads and metadata.
 * Only what changed is sent; the server answers the settings in force, which the form then shows.
 */
export const LinkSettings = ({ itemId, link, views }: LinkSettingsProps) => {
  const ids = { expiry: useId(), custom: useId(), limit: useId(), password: useId(), status: useId() };
  const utils = trpc.useUtils();
  const [saved, setSaved] = useState(link);
  const [preset, setPreset] = useState<Preset>(link.expiresAt ? 'custom' : 'never');
  const [custom, setCustom] = useState(link.expiresAt ? toLocalInput(link.expiresAt) : '');
  const [maxViews, setMaxViews] = useState(link.maxViews?.toString() ?? '');
  const [password, setPassword] = useState('');
  const [allowDownload, setAllowDownload] = useState(link.allowDownload);
  const [showMetadata, setShowMetadata] = useState(link.showMetadata);
  const [notice, setNotice] = useState<string | null>(null);
  const update = trpc.share.updateLink.useMutation({
    onSuccess: (settings) => {
      setSaved(settings);
      setPassword('');
      // A preset is a moment from now: once saved it is that moment, not a new one on the next save.
      setPreset(settings.expiresAt ? 'custom' : 'never');
      setCustom(settings.expiresAt ? toLocalInput(settings.expiresAt) : '');
      setNotice('Link settings saved.');
      void utils.share.state.invalidate({ id: itemId });
    },
  });

  const expiresAt = () => {
    const chosen = PRESETS.find((p) => p.value === preset);
    if (chosen && 'ms' in chosen) return new Date(Date.now() + chosen.ms).toISOString();
    if (preset === 'custom') {
      // The field holds minutes: unchanged, it stands for the exact moment saved.
      if (!custom || (saved.expiresAt && custom === toLocalInput(saved.expiresAt))) return saved.expiresAt;
      return new Date(custom).toISOString();
    }
    return null;
  };
  const save = (extra: { password?: string | null } = {}) => {
    setNotice(null);
    const limit = maxViews.trim() === '' ? null : Number(maxViews);
    const nextExpiry = expiresAt();
    update.mutate({
      id: itemId,
      ...(nextExpiry !== saved.expiresAt ? { expiresAt: nextExpiry } : {}),
      ...(limit !== saved.maxViews ? { maxViews: limit } : {}),
      ...(password ? { password } : {}),
      ...(allowDownload !== saved.allowDownload ? { allowDownload } : {}),
      ...(showMetadata !== saved.showMetadata ? { showMetadata } : {}),
      ...extra,
    });
  };

  return (
    <section className="link-settings" aria-labelledby={`${ids.expiry}-title`}>
      <h3 id={`${ids.expiry}-title`}>Link settings</h3>
      <p className="link-settings__views">
        {views === null ? null : `Opened ${views} ${views === 1 ? 'time' : 'times'}`}
        {saved.maxViews !== null ? ` of at most ${saved.maxViews}` : ''}
        {saved.expiresAt ? ` · expires ${new Date(saved.expiresAt).toLocaleString()}` : ''}
      </p>
      <div className="link-settings__grid">
        <label htmlFor={ids.expiry}>Expires</label>
        <select id={ids.expiry} value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
          {PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        {preset === 'custom' && (
          <>
            <label htmlFor={ids.custom}>Expiry date</label>
            <input id={ids.custom} type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} />
          </>
        )}
        <label htmlFor={ids.limit}>View limit</label>
        <input
          id={ids.limit}
          type="number"
          inputMode="numeric"
          min={1}
          max={LINK_LIMITS.maxViews}
          placeholder="No limit"
          value={maxViews}
          onChange={(e) => setMaxViews(e.target.value)}
        />
        <label htmlFor={ids.password}>{saved.hasPassword ? 'New password' : 'Password'}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          minLength={LINK_LIMITS.passwordMin}
          maxLength={LINK_LIMITS.passwordMax}
          placeholder={saved.hasPassword ? 'Set; type to change it' : 'None'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} />
        <span>Allow download</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={showMetadata} onChange={(e) => setShowMetadata(e.target.checked)} />
        <span>
          Show metadata
          <small>Serve the original file, with its camera details and location, instead of a clean copy.</small>
        </span>
      </label>
      {update.error && (
        <p className="alert" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <p className="notice" role="status" id={ids.status}>
        {notice}
      </p>
      <div className="link-settings__actions">
        {saved.hasPassword && (
          <button type="button" className="button" disabled={update.isPending} onClick={() => save({ password: null })}>
            Remove password
          </button>
        )}
        <button type="button" className="button button--primary" disabled={update.isPending} onClick={() => save()}>
          {update.isPending ? 'Saving…' : 'Save link settings'}
        </button>
      </div>
    </section>
  );
};
