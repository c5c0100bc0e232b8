// What is shared: the app's own list of screens and windows (Electron), or the
// browser's picker. Switching keeps every viewer connected.
import type { HostingStatus } from '../../app/app-state';
import { useApp } from '../../app/context';
import type { CaptureSource } from '../../platform/platform';
import { reportErrors } from '../common/report-errors';

export interface DisplaySelectorViewProps {
  readonly sources: readonly CaptureSource[];
  readonly selectedId: string | null;
  readonly captureLabel: string | null;
  readonly status: HostingStatus;
  readonly onChoose: (sourceId?: string) => void;
  readonly onRefresh: () => void;
}

function SourceButton({
  source,
  selected,
  onChoose,
}: {
  source: CaptureSource;
  selected: boolean;
  onChoose: (id: string) => void;
}) {
  return (
    <button
      type="button"
      class="source"
      aria-pressed={selected}
      onClick={() => onChoose(source.id)}
      title={source.name}
    >
      <span class="source-thumb" aria-hidden="true">
        {source.thumbnail ? (
          <img src={source.thumbnail} alt="" />
        ) : (
          <span class="source-kind">{source.kind === 'screen' ? 'Screen' : 'Window'}</span>
        )}
      </span>
      <span class="source-name">{source.name}</span>
    </button>
  );
}

export function DisplaySelectorView({
  sources,
  selectedId,
  captureLabel,
  status,
  onChoose,
  onRefresh,
}: DisplaySelectorViewProps) {
  const live = status === 'live';
  return (
    <section class="card display-selector" aria-labelledby="display-title">
      <h2 id="display-title">What to share</h2>
      {sources.length > 0 ? (
        <>
          <div class="sources" role="group" aria-labelledby="display-title">
            {sources.map((source) => (
              <SourceButton key={source.id} source={source} selected={source.id === selectedId} onChoose={onChoose} />
            ))}
          </div>
          <button type="button" class="button subtle" onClick={onRefresh}>
            Refresh
          </button>
        </>
      ) : (
        <>
          <button type="button" class="button" onClick={() => onChoose()} disabled={!live}>
            Choose what to share
          </button>
          {!live && <p class="muted small">Available while you're live. Switching keeps everyone connected.</p>}
        </>
      )}
      <p class="capture-label">{captureLabel ? `Sharing ${captureLabel}` : 'Nothing shared yet.'}</p>
    </section>
  );
}

export function DisplaySelector() {
  const { state, controls } = useApp();
  const { host } = state;
  return (
    <DisplaySelectorView
      sources={host.sources.value}
      selectedId={host.sourceId.value}
      captureLabel={host.captureLabel.value}
      status={host.status.value}
      onChoose={(sourceId) => reportErrors(() => controls.host.chooseSource(sourceId), host.error)}
      onRefresh={() => reportErrors(() => controls.host.refreshSources(), host.error)}
    />
  );
}
