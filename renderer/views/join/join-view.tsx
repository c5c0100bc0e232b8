// The Join view: link and name, then the host's screen. (The name is remembered
// by the session on join: app/remembered-name.)
import { useApp } from '../../app/context';
import { isInSession } from '../join-status';
import { ClipboardOffer } from './clipboard-offer';
import { ConnectionTrust } from './connection-trust';
import { JoinForm } from './join-form';
import { JoinStatusPanel } from './join-status-panel';
import { SharedScreen } from './shared-screen';

export function JoinView() {
  const { state, controls } = useApp();
  const { join } = state;
  const status = join.status.value;
  const inSession = isInSession(status);

  const leave = () => controls.joinSession.leave();

  return (
    <section class={inSession ? 'view join-view in-session' : 'view join-view'} aria-label="Join">
      {inSession ? (
        <>
          <JoinStatusPanel status={status} detail={join.detail.value} onLeave={leave} />
          <ConnectionTrust security={join.security.value} />
          {join.hostRecording.value && (
            <p class="recording-indicator" role="status">
              <span class="recording-dot" aria-hidden="true" />
              The host is recording
            </p>
          )}
          <SharedScreen
            stream={join.stream.value}
            status={status}
            fit={join.fit.value}
            showStats={join.showStats.value}
            stats={join.stats.value}
            onToggleFit={() => (join.fit.value = join.fit.value === 'fit' ? 'actual' : 'fit')}
            onToggleStats={() => (join.showStats.value = !join.showStats.value)}
          />
        </>
      ) : (
        <div class="join-start">
          {join.clipboardLink.value && (
            <ClipboardOffer
              link={join.clipboardLink.value}
              onUse={(link) => {
                join.link.value = link;
                join.linkError.value = null;
                join.clipboardLink.value = null;
              }}
              onDismiss={() => (join.clipboardLink.value = null)}
            />
          )}
          <JoinForm
            link={join.link.value}
            name={join.name.value}
            linkError={join.linkError.value}
            onLink={(link) => {
              join.link.value = link;
              if (join.linkError.value) join.linkError.value = null;
            }}
            onName={(name) => (join.name.value = name)}
            onSubmit={() => controls.joinSession.join()}
          />
          {status !== 'idle' && <JoinStatusPanel status={status} detail={join.detail.value} onLeave={leave} />}
          {status !== 'idle' && <ConnectionTrust security={join.security.value} />}
        </div>
      )}
    </section>
  );
}
