import { useEffect, useRef, useState } from 'react';

/**
 * Moves focus to the ref's element after the next render, for when the focused control is about to go
 * away (a row removed, a panel dismissed). Effects run after a closing dialog hands focus back to its
 * opener, so this has the last word even when the opener is the thing that went away.
 */
export const useFocusLater = <T extends HTMLElement>() => {
  const ref = useRef<T>(null);
  const [isRequested, setIsRequested] = useState(false);
  useEffect(() => {
    if (!isRequested) return;
    ref.current?.focus();
    setIsRequested(false);
  }, [isRequested]);
  return [ref, () => setIsRequested(true)] as const;
};
