import type { HostingReport, ViewerDecision } from '../../preload/api-types';
import { createAppState } from '../../renderer/app/app-state';
import type { HostControls } from '../../renderer/app/controllers';
import { connectDesktop } from '../../renderer/app/desktop-bridge';
import type { Platform } from '../../renderer/platform/platform';

function desktopPlatform(clipboard: string | null = null) {
  const listeners: { link?: (link: string) => void; decision?: (d: ViewerDecision) => void; stop?: () => void } = {};
  const reports: HostingReport[] = [];
  const platform = {
    onJoinLink: (cb: (link: string) => void) => ((listeners.link = cb), () => undefined),
    readClipboardJoinLink: async () => clipboard,
    reportHostingState: (report: HostingReport) => void reports.push(report),
    onViewerDecision: (cb: (d: ViewerDecision) => void) => ((listeners.decision = cb), () => undefined),
    onStopHostingRequest: (cb: () => void) => ((listeners.stop = cb), () => undefined),
  } as unknown as Platform;
  return { platform, listeners, reports };
}

const controls = () =>
  ({ admit: jest.fn(), deny: jest.fn(), stopHosting: jest.fn(async () => undefined) }) as unknown as HostControls &
    Record<'admit' | 'deny' | 'stopHosting', jest.Mock>;
const entry = (id: string, name: string, state: 'waiting' | 'connecting' | 'watching') => ({
  id,
  name,
  address: '10.0.0.2',
  state,
  stats: null,
  received: null,
  bitrateHistory: [],
  verified: null,
  safetyCode: null,
  refusedSignals: 0,
});

describe('connectDesktop', () => {
  it('opens the Join view filled in when a link arrives from outside', () => {
    const state = createAppState({ view: 'host' });
    const { platform, listeners } = desktopPlatform();
    connectDesktop(platform, state, controls());
    listeners.link!('http://10.0.0.5:9470/join#t=abc');
    expect(state.view.value).toBe('join');
    expect(state.join.link.value).toBe('http://10.0.0.5:9470/join#t=abc');
  });

  it('offers a copied join link, unless it is the one already filled in', async () => {
    const state = createAppState();
    connectDesktop(desktopPlatform('http://10.0.0.5:9470/join#t=abc').platform, state, controls());
    await Promise.resolve();
    expect(state.join.clipboardLink.value).toBe('http://10.0.0.5:9470/join#t=abc');
    const filled = createAppState({ link: 'http://10.0.0.5:9470/join#t=abc' });
    connectDesktop(desktopPlatform('http://10.0.0.5:9470/join#t=abc').platform, filled, controls());
    await Promise.resolve();
    expect(filled.join.clipboardLink.value).toBeNull();
  });

  it('reports hosting state to the tray, and only when it really changes', () => {
    const state = createAppState({ view: 'host' });
    const { platform, reports } = desktopPlatform();
    connectDesktop(platform, state, controls());
    expect(reports).toEqual([{ status: 'idle', watching: 0, waiting: 0, waitingViewers: [] }]);
    state.host.status.value = 'live';
    state.host.viewers.value = [entry('v1', 'Ann', 'waiting'), entry('v2', 'Bob', 'watching')];
    state.host.viewers.value = state.host.viewers.value.map((v) => ({ ...v, bitrateHistory: [1] })); // a stats tick
    expect(reports.at(-1)).toEqual({
      status: 'live',
      watching: 1,
      waiting: 1,
      waitingViewers: [{ id: 'v1', name: 'Ann' }],
    });
    expect(reports).toHaveLength(3);
  });

  it('carries out Admit / Deny from a notification and Stop hosting from the tray', () => {
    const host = controls();
    const { platform, listeners } = desktopPlatform();
    connectDesktop(platform, createAppState(), host);
    listeners.decision!({ id: 'v1', decision: 'admit' });
    listeners.decision!({ id: 'v2', decision: 'deny' });
    listeners.stop!();
    expect(host.admit).toHaveBeenCalledWith('v1');
    expect(host.deny).toHaveBeenCalledWith('v2');
    expect(host.stopHosting).toHaveBeenCalled();
  });

  it('does nothing on a platform without desktop hooks (a browser)', () => {
    const state = createAppState();
    expect(() => connectDesktop({} as Platform, state, controls())).not.toThrow();
  });
});
