import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'scroll', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` after `timeoutMs` with no touch, key or scroll while `active`. */
export function useIdle(active: boolean, timeoutMs: number, onIdle: () => void): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => latest.current(), timeoutMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), timeoutMs);
    };
    // Capture phase: SurveyJS stops some events from bubbling.
    for (const type of ACTIVITY)
      document.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, restart, { capture: true });
    };
  }, [active, timeoutMs]);
}
