// Entry point of the one renderer bundle: the app window and the page browsers get.
import { render } from 'preact';
import { AppRoot } from './app/app-root';
import { createAppState } from './app/app-state';
import { AppContext } from './app/context';
import { connectDesktop } from './app/desktop-bridge';
import { loadDeliveryPreference, saveDeliveryPreference } from './app/delivery-preference';
import { loadName, saveName } from './app/remembered-name';
import { routeFor } from './app/route';
import { takePageAddress } from './app/page-address';
import { applyTheme, loadTheme } from './app/theme';
import { currentIceServers } from './app/ice-servers';
import { reportPageErrors } from './app/error-reporting';
import { HostSession } from './host/host-session';
import { chooseDelivery } from './host/delivery-choice';
import { hostKeyFromFragment } from './platform/browser-platform';
import { detectPlatform } from './platform/detect-platform';
import { ViewerSession } from './viewer/viewer-session';
import { RecordingSession } from './host/recording-session';

applyTheme(loadTheme()); // before the first paint: no flash of the other theme
// Read once: secrets in the fragment leave the address bar and history here.
const address = takePageAddress();
const route = routeFor(address);
const state = createAppState({ view: route.view, link: route.link, name: loadName() });
const platform = detectPlatform(window, address);
reportPageErrors(window, platform);
state.host.deliveryPreference.value = loadDeliveryPreference();
state.host.deliveryPreference.subscribe((mode) => saveDeliveryPreference(mode));
const { deliveryPreference, deliveryMode } = state.host;
const host = new HostSession(state.host, platform, chooseDelivery(deliveryPreference, deliveryMode, currentIceServers));
const joinSession = new ViewerSession(state.join, currentIceServers, saveName);
const recording = new RecordingSession(
  state.recording,
  platform,
  () => host.sharedStream(),
  (on) => host.setRecording(on),
);

// The headless host page connects at once, so viewers can ask to join before sharing starts.
if (route.view === 'host' && hostKeyFromFragment(address.hash)) void host.connect();
connectDesktop(platform, state, host);

window.addEventListener('pagehide', () => {
  joinSession.leave();
  void host.stopHosting();
});

const root = document.getElementById('app');
if (root) {
  render(
    <AppContext.Provider value={{ state, controls: { host, joinSession, recording } }}>
      <AppRoot views={platform.kind === 'electron' ? ['host', 'join'] : [route.view]} />
    </AppContext.Provider>,
    root,
  );
}
