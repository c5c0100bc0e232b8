// When someone asks to join: flash the list for a moment and play a short chime.
import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { playBeep } from '../beep';

export const FLASH_MS = 1600;

/** Returns whether the cue is showing; `requests` is host.joinRequests. */
export function useJoinCue(requests: ReadonlySignal<number>): boolean {
  const count = requests.value;
  const seen = useRef(count);
  const [flashing, setFlashing] = useState(false);

  useEffect(() => {
    if (count <= seen.current) {
      // First render, or the counter was reset: nothing new to announce.
      seen.current = count;
      setFlashing(false);
      return undefined;
    }
    seen.current = count;
    setFlashing(true);
    playBeep();
    const timer = setTimeout(() => setFlashing(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [count]);

  return flashing;
}
