import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A disclosure (<details>) that also closes on Escape and on a click elsewhere, as people expect of a
 * menu-like panel. Keyboard users open it with Enter or Space on the summary like any <details>.
 */
export const Popover = ({ summary, children }: { summary: ReactNode; children: ReactNode }) => {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    details.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      details.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return (
    <details ref={ref} className="popover">
      <summary className="button">{summary}</summary>
      <div className="popover__panel">{children}</div>
    </details>
  );
};
