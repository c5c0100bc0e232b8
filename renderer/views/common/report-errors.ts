// Controller calls are fire-and-forget from a click. The sessions report their
// own errors in state; anything they throw anyway ends up there too, never as an
// unhandled rejection.
import type { Signal } from '@preact/signals';
import { describeError } from '../format';

export function reportErrors(task: Promise<unknown> | (() => Promise<unknown>), error: Signal<string | null>): void {
  let promise: Promise<unknown>;
  try {
    promise = typeof task === 'function' ? task() : task;
  } catch (thrown) {
    error.value = describeError(thrown);
    return;
  }
  promise.catch((thrown: unknown) => {
    error.value = describeError(thrown);
  });
}
