// Where the join stands, in plain words, with the next step; Leave while in a session.
import type { JoinStatus } from '../../app/app-state';
import { isInSession, joinStatusInfo } from '../join-status';

export interface JoinStatusPanelProps {
  readonly status: JoinStatus;
  readonly detail: string | null;
  readonly onLeave: () => void;
}

export function JoinStatusPanel({ status, detail, onLeave }: JoinStatusPanelProps) {
  const info = joinStatusInfo(status);
  const inSession = isInSession(status);
  return (
    <div class={`status-panel tone-${info.tone}`}>
      <div class="status-text" role="status">
        <p class="status-message">
          {info.tone === 'progress' && <span class="spinner" aria-hidden="true" />}
          {info.message}
        </p>
        {detail && <p class="status-detail">{detail}</p>}
        {info.nextStep && <p class="status-next">{info.nextStep}</p>}
      </div>
      {inSession && (
        <button type="button" class="button" onClick={onLeave}>
          Leave
        </button>
      )}
    </div>
  );
}
