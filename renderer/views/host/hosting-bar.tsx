// Start/stop hosting, what state hosting is in, and the last error in plain words.
import { useState } from 'preact/hooks';
import type { HostingStatus } from '../../app/app-state';
import { useApp } from '../../app/context';
import { reportErrors } from '../common/report-errors';
import { hostingStatusLabel } from '../format';
import { hostingButtons } from '../host-options';

export interface HostingBarViewProps {
  readonly status: HostingStatus;
  readonly error: string | null;
  /** A start is under way (the screen picker may be open). */
  readonly starting: boolean;
  readonly onStart: () => void;
  readonly onStop: () => void;
  readonly onDismissError: () => void;
  /** Not an error, but worth knowing (e.g. another port was used). */
  readonly notice?: string | null;
}

export function HostingBarView({
  status,
  error,
  starting,
  onStart,
  onStop,
  onDismissError,
  notice = null,
}: HostingBarViewProps) {
  const buttons = hostingButtons(status);
  return (
    <div class="hosting-bar card">
      <div class="hosting-bar-row">
        {buttons.start && (
          <button type="button" class="button primary large" onClick={onStart} disabled={starting}>
            Start hosting
          </button>
        )}
        {buttons.stop && (
          <button type="button" class="button danger large" onClick={onStop} disabled={status === 'stopping'}>
            Stop hosting
          </button>
        )}
        {buttons.disconnect && (
          <button type="button" class="button subtle" onClick={onStop}>
            Disconnect
          </button>
        )}
        <p class="hosting-status" role="status">
          <span class={`status-dot status-${status}`} aria-hidden="true" />
          {hostingStatusLabel(status)}
        </p>
      </div>
      {notice && (
        <p class="alert alert-info" role="status">
          {notice}
        </p>
      )}
      {error && (
        <div class="alert alert-error" role="alert">
          <p>{error}</p>
          <button type="button" class="button subtle small" onClick={onDismissError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

export function HostingBar() {
  const { state, controls } = useApp();
  const { host } = state;
  const [starting, setStarting] = useState(false);
  return (
    <HostingBarView
      status={host.status.value}
      error={host.error.value}
      notice={host.notice.value}
      starting={starting}
      onStart={() => {
        setStarting(true);
        reportErrors(async () => {
          try {
            await controls.host.startHosting();
          } finally {
            setStarting(false);
          }
        }, host.error);
      }}
      onStop={() => reportErrors(() => controls.host.stopHosting(), host.error)}
      onDismissError={() => (host.error.value = null)}
    />
  );
}
