import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import '../styles/moderation.css';

const KEY = 'mediashare.showMature';
const listeners = new Set<() => void>();

/** Whether this browser shows mature items without a click: the viewer's own choice, kept locally. */
const readOptIn = () => {
  try {
    return window.localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
};

const setLocalOptIn = (value: boolean) => {
  try {
    window.localStorage.setItem(KEY, String(value));
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
};

const useLocalOptIn = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readOptIn,
    () => false,
  );

/**
 * Whether mature items show without a click, and how to change that: the signed-in user's own setting
 * (kept on the server, so it follows them), or this browser's when nobody is signed in.
 */
export const useMatureOptIn = () => {
  const { user } = useSession();
  const local = useLocalOptIn();
  const utils = trpc.useUtils();
  const save = trpc.moderation.setShowMature.useMutation({
    onSuccess: ({ showMature }) => utils.auth.me.setData(undefined, (me) => (me ? { ...me, showMature } : me)),
  });
  return {
    optedIn: user ? user.showMature : local,
    setOptIn: (value: boolean) => (user ? save.mutate({ showMature: value }) : setLocalOptIn(value)),
  };
};

/** A mature thumbnail stays blurred behind a Show button until the viewer opts in (once, or always). */
export const MatureCover = ({ isMature, children }: { isMature: boolean; children: ReactNode }) => {
  const { optedIn } = useMatureOptIn();
  const [isShown, setIsShown] = useState(false);
  if (!isMature || optedIn || isShown) return <>{children}</>;
  return (
    <div className="mature-cover">
      <div className="mature-cover__media" aria-hidden="true" inert>
        {children}
      </div>
      <div className="mature-cover__veil">
        <span>Mature content</span>
        <button type="button" className="button button--small" onClick={() => setIsShown(true)}>
          Show
        </button>
      </div>
    </div>
  );
};

/** The public page and the permalink of a mature item open on this, not on the picture. */
export const MatureInterstitial = ({ isMature, children }: { isMature: boolean; children: ReactNode }) => {
  const { optedIn, setOptIn } = useMatureOptIn();
  const [isShown, setIsShown] = useState(false);
  const [remember, setRemember] = useState(false);
  if (!isMature || optedIn || isShown) return <>{children}</>;
  return (
    <section className="mature-interstitial" aria-labelledby="mature-title">
      <h1 id="mature-title">Mature content</h1>
      <p>Its owner marked this item as mature. It may show nudity or sexual content.</p>
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>Always show mature items</span>
      </label>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          if (remember) setOptIn(true);
          setIsShown(true);
        }}
      >
        Show
      </button>
    </section>
  );
};

/** The feed's switch for the same setting. */
export const MatureToggle = () => {
  const { optedIn, setOptIn } = useMatureOptIn();
  return (
    <label className="check">
      <input type="checkbox" checked={optedIn} onChange={(e) => setOptIn(e.target.checked)} />
      <span>Show mature items</span>
    </label>
  );
};
