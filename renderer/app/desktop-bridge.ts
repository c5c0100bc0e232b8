// The desktop app's extras around the one renderer: links opened from outside, a
// copied join link offered, the tray kept up to date, notification and tray choices
// carried out. A browser platform has none of these hooks, so nothing happens there.
import { computed, effect } from '@preact/signals';
import type { HostingReport } from '../../preload/api-types';
import { WAITING_VIEWERS_MAX } from '../../signaling/protocol';
import type { Platform } from '../platform/platform';
import type { AppState } from './app-state';
import type { HostControls } from './controllers';

export function hostingReportOf(host: AppState['host']): HostingReport {
  const waiting = host.viewers.value.filter((v) => v.state === 'waiting');
  return {
    status: host.status.value,
    watching: host.watchingCount.value,
    waiting: waiting.length,
    waitingViewers: waiting.slice(0, WAITING_VIEWERS_MAX).map(({ id, name }) => ({ id, name: name || 'Someone' })),
  };
}

export function connectDesktop(platform: Platform, state: AppState, host: HostControls): void {
  platform.onJoinLink?.((link) => {
    state.view.value = 'join';
    state.join.link.value = link;
    state.join.linkError.value = null;
  });
  void platform.readClipboardJoinLink?.().then((link) => {
    if (link && link !== state.join.link.value) state.join.clipboardLink.value = link;
  }); // deliberately not awaited: only an offer

  const report = platform.reportHostingState;
  if (report) {
    const current = computed(() => hostingReportOf(state.host));
    let sent = '';
    effect(() => {
      const next = current.value;
      const key = JSON.stringify(next);
      // Viewer entries change every second with stats: tell main only real changes.
      if (key === sent) return;
      sent = key;
      report(next);
    });
  }
  platform.onViewerDecision?.(({ id, decision }) => (decision === 'admit' ? host.admit(id) : host.deny(id)));
  platform.onStopHostingRequest?.(() => void host.stopHosting());
}
