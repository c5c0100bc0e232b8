// One viewer in the connected users list: who, from where, how it is going, and
// the buttons to let them in, turn them away or remove them.
import type { ViewerEntry } from '../../app/app-state';
import { connectionTypeLabel, formatStatsLine, viewerStateLabel } from '../format';
import { refusedWords, trustExplanation, trustLabel } from '../security-words';

export interface ViewerItemProps {
  readonly viewer: ViewerEntry;
  readonly onAdmit: (id: string) => void;
  readonly onDeny: (id: string) => void;
  readonly onKick: (id: string) => void;
}

export function ViewerItem({ viewer, onAdmit, onDeny, onKick }: ViewerItemProps) {
  const waiting = viewer.state === 'waiting';
  const statsLine = formatStatsLine(viewer.stats);
  const trust = trustLabel(viewer.verified);
  const refused = refusedWords(viewer.refusedSignals);
  return (
    <li class={`viewer viewer-${viewer.state}`}>
      <div class="viewer-main">
        <p class="viewer-name">{viewer.name}</p>
        <p class="viewer-meta">
          <span class="mono">{viewer.address}</span>
          <span class={`badge badge-${viewer.state}`}>{viewerStateLabel(viewer.state)}</span>
          {!waiting && <span class="badge">{connectionTypeLabel(viewer.stats?.connectionType)}</span>}
          {trust && (
            <span
              class={viewer.verified ? 'badge badge-verified' : 'badge badge-unverified'}
              title={trustExplanation(viewer.verified === true)}
            >
              {trust}
            </span>
          )}
        </p>
        {!waiting && statsLine && <p class="viewer-stats">{statsLine}</p>}
        {viewer.safetyCode && (
          <p class="viewer-safety">
            Safety code <span class="mono safety-code">{viewer.safetyCode}</span>
          </p>
        )}
        {refused && <p class="viewer-refused">{refused}</p>}
      </div>
      <div class="viewer-actions">
        {waiting ? (
          <>
            <button
              type="button"
              class="button primary small"
              title={`Let ${viewer.name} in`}
              onClick={() => onAdmit(viewer.id)}
            >
              Admit
            </button>
            <button
              type="button"
              class="button small"
              title={`Turn ${viewer.name} away`}
              onClick={() => onDeny(viewer.id)}
            >
              Deny
            </button>
          </>
        ) : (
          <button
            type="button"
            class="button danger-subtle small"
            title={`Remove ${viewer.name}`}
            onClick={() => onKick(viewer.id)}
          >
            Kick
          </button>
        )}
      </div>
    </li>
  );
}
