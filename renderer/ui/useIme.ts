/**
 * Chinese input methods: while a composition is open, Enter picks a candidate and must not
 * commit the half-typed text; arrows move in the candidate list. Browsers differ on the order
 * of compositionend and keydown, so all three signals are checked.
 */
import { type KeyboardEvent, useRef } from 'react';

export function useIme() {
  const composing = useRef(false);
  return {
    handlers: {
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
      },
    },
    isComposing: (e: KeyboardEvent): boolean => composing.current || e.nativeEvent.isComposing || e.keyCode === 229,
  };
}
