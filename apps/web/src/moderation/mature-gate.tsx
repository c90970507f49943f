import { useState, useSyncExternalStore, type ReactNode } from 'react';
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

export const setMatureOptIn = (value: boolean) => {
  try {
    window.localStorage.setItem(KEY, String(value));
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
};

export const useMatureOptIn = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readOptIn,
    () => false,
  );

/** A mature thumbnail stays blurred behind a Show button until the viewer opts in (once, or always). */
export const MatureCover = ({ isMature, children }: { isMature: boolean; children: ReactNode }) => {
  const optedIn = useMatureOptIn();
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
  const optedIn = useMatureOptIn();
  const [isShown, setIsShown] = useState(false);
  const [remember, setRemember] = useState(false);
  if (!isMature || optedIn || isShown) return <>{children}</>;
  return (
    <section className="mature-interstitial" aria-labelledby="mature-title">
      <h1 id="mature-title">Mature content</h1>
      <p>Its owner marked this item as mature. It may show nudity or sexual content.</p>
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>Always show mature items in this browser</span>
      </label>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          if (remember) setMatureOptIn(true);
          setIsShown(true);
        }}
      >
        Show
      </button>
    </section>
  );
};
