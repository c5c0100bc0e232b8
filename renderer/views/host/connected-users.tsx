// Everyone connected or asking to connect.
import type { ViewerEntry } from '../../app/app-state';
import { useApp } from '../../app/context';
import { ViewerItem } from './viewer-item';
import { useJoinCue } from './use-join-cue';

export interface ConnectedUsersViewProps {
  readonly viewers: readonly ViewerEntry[];
  readonly waitingCount: number;
  /** Someone just asked to join: highlight the list. */
  readonly flashing: boolean;
  readonly onAdmit: (id: string) => void;
  readonly onDeny: (id: string) => void;
  readonly onKick: (id: string) => void;
}

export function ConnectedUsersView({
  viewers,
  waitingCount,
  flashing,
  onAdmit,
  onDeny,
  onKick,
}: ConnectedUsersViewProps) {
  return (
    <section
      class={flashing ? 'card connected-users is-flashing' : 'card connected-users'}
      aria-labelledby="users-title"
    >
      <h2 id="users-title">Connected users</h2>
      <p class="visually-hidden" role="status">
        {waitingCount === 0
          ? ''
          : waitingCount === 1
            ? 'Someone is waiting for you to let them in.'
            : `${waitingCount} people are waiting for you to let them in.`}
      </p>
      {viewers.length === 0 ? (
        <p class="empty-state">No one is watching yet. Share the join link.</p>
      ) : (
        <ul class="viewers" aria-labelledby="users-title">
          {viewers.map((viewer) => (
            <ViewerItem key={viewer.id} viewer={viewer} onAdmit={onAdmit} onDeny={onDeny} onKick={onKick} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConnectedUsers() {
  const { state, controls } = useApp();
  const { host } = state;
  const flashing = useJoinCue(host.joinRequests);
  return (
    <ConnectedUsersView
      viewers={host.viewers.value}
      waitingCount={host.waitingCount.value}
      flashing={flashing}
      onAdmit={(id) => controls.host.admit(id)}
      onDeny={(id) => controls.host.deny(id)}
      onKick={(id) => controls.host.kick(id)}
    />
  );
}
