// Where viewers connect: port, listening state, how many are in, and the join
// link as text and as a QR code.
import { useApp } from '../../app/context';
import { QrCode } from '../common/qr-code';
import { UNKNOWN } from '../format';
import { effectiveJoinUrl } from '../host-options';
import { CopyLinkField } from './copy-link-field';
import { JoinLinkPicker } from './join-link-picker';

export interface ConnectionInfoViewProps {
  readonly listening: boolean;
  readonly port: number | null;
  readonly viewerCount: number;
  readonly waitingCount: number;
  readonly maxViewers: number;
  /** How media reaches viewers: relay, direct, or null when not known yet. */
  readonly deliveryMode: 'relay' | 'direct' | null;
  readonly urls: readonly string[];
  readonly chosenUrl: string | null;
  readonly onChooseUrl: (url: string) => void;
}

const DELIVERY_WORDS = {
  relay: 'Relay: encoded once for every viewer',
  direct: 'Direct: encoded once per viewer',
  pending: 'Starting the relay…',
} as const;

export function ConnectionInfoView(props: ConnectionInfoViewProps) {
  const { listening, port, viewerCount, waitingCount, maxViewers, deliveryMode, urls, chosenUrl, onChooseUrl } = props;
  return (
    <section class="card connection-info" aria-labelledby="connection-info-title">
      <h2 id="connection-info-title">Connection</h2>
      <dl class="facts">
        <div>
          <dt>Port</dt>
          <dd class="mono">{port ?? UNKNOWN}</dd>
        </div>
        <div>
          <dt>Signaling</dt>
          <dd>{listening ? 'Listening' : 'Not listening'}</dd>
        </div>
        <div>
          <dt>Viewers</dt>
          <dd>
            {viewerCount} / {maxViewers}
            {waitingCount > 0 && <span class="muted"> ({waitingCount} waiting)</span>}
          </dd>
        </div>
        {listening && (
          <div>
            <dt>Media</dt>
            <dd data-testid="delivery-mode">{DELIVERY_WORDS[deliveryMode ?? 'pending']}</dd>
          </div>
        )}
      </dl>
      {chosenUrl ? (
        <div class="join-link">
          <div class="join-link-text">
            <JoinLinkPicker urls={urls} chosen={chosenUrl} onChoose={onChooseUrl} />
            <CopyLinkField link={chosenUrl} />
            <p class="muted small">Viewers open this link in any browser, or paste it into the app's Join tab.</p>
          </div>
          <QrCode text={chosenUrl} />
        </div>
      ) : (
        <p class="muted">The join link appears here once you start hosting.</p>
      )}
    </section>
  );
}

export function ConnectionInfo() {
  const { host } = useApp().state;
  const status = host.status.value;
  const urls = host.joinUrls.value;
  return (
    <ConnectionInfoView
      listening={(status === 'ready' || status === 'live' || status === 'reconnecting') && host.port.value !== null}
      port={host.port.value}
      viewerCount={host.viewers.value.length}
      waitingCount={host.waitingCount.value}
      maxViewers={host.maxViewers.value}
      deliveryMode={host.deliveryMode.value}
      urls={urls}
      chosenUrl={effectiveJoinUrl(urls, host.chosenJoinUrl.value)}
      onChooseUrl={(url) => (host.chosenJoinUrl.value = url)}
    />
  );
}
