// The Host view: start hosting, share the link, pick what to share, tune the
// stream, let people in and watch how it goes.
import { ConnectedUsers } from './connected-users';
import { ConnectionInfo } from './connection-info';
import { ControlPanel } from './control-panel';
import { DisplaySelector } from './display-selector';
import { HostingBar } from './hosting-bar';
import { StreamStats } from './stream-stats';

export function HostView() {
  return (
    <section class="view host-view" aria-label="Host">
      <HostingBar />
      <div class="host-columns">
        <div class="host-column">
          <ConnectionInfo />
          <DisplaySelector />
          <ControlPanel />
        </div>
        <div class="host-column">
          <ConnectedUsers />
          <StreamStats />
        </div>
      </div>
    </section>
  );
}
