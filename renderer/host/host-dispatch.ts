// What each server message means for the host page: one switch over the protocol's
// host messages, handing each to the part that owns it. Viewer stats are parsed here
// (untrusted); viewer signals go through ViewerSignals.receive.
import {
  assertNever,
  parseViewerReport,
  type ClientMessage,
  type ServerMessage,
  type SessionInfo,
} from '../../signaling/protocol';
import type { HostState } from '../app/app-state';
import { hostErrorWords } from './host-words';
import type { HostSecurity } from './host-security';
import type { MediaDelivery } from './media-delivery';
import type { ViewerAdmission } from './viewer-admission';
import type { ViewerRoster } from './viewer-roster';
import type { ViewerSignals } from './viewer-signals';

export interface DispatchParts {
  readonly state: HostState;
  readonly roster: ViewerRoster;
  readonly admission: ViewerAdmission;
  readonly signals: ViewerSignals;
  delivery(): MediaDelivery | null;
  security(): HostSecurity | null;
  /** `welcome`: the server took the host's hello. */
  welcomed(): void;
  send(message: ClientMessage): void;
}

export function dispatchToHost(message: ServerMessage, parts: DispatchParts): void {
  switch (message.type) {
    case 'welcome':
      if (message.role !== 'host') return;
      parts.welcomed();
      parts.admission.resume(message.viewers);
      parts.send({ type: 'session' });
      return;
    case 'session':
      return showSession(message, parts);
    case 'viewer-joined':
      return parts.admission.joined(message);
    case 'viewer-left':
      return parts.admission.left(message.id, message.reason);
    case 'viewer-stats':
      parts.roster.update(message.id, { received: parseViewerReport(message.data) });
      return;
    case 'signal': {
      const data = parts.signals.receive(message.from, message.data);
      if (!data) return;
      // A viewer leaving on purpose says so: nothing of it is kept for a return.
      if ('bye' in data) return parts.admission.drop(message.from);
      // A viewer back under a new id proves it holds its rejoin ticket before it is sent anything.
      if ('returning' in data) return parts.admission.checkReturn(message.from, data.returning);
      void parts
        .delivery()
        ?.handleSignal(message.from, data)
        .catch(() => undefined);
      return;
    }
    case 'error':
      if (message.code !== 'unknown-peer') parts.state.error.value = hostErrorWords(message.code, message.message);
      return;
    case 'admitted':
    case 'host-joined':
    case 'host-left':
      return; // viewer messages
    default:
      return assertNever(message);
  }
}

/** The session's join links (with the link key added), approval and viewer limit. */
function showSession(message: SessionInfo, parts: DispatchParts): void {
  const { state } = parts;
  const security = parts.security();
  const joinUrls = security ? message.joinUrls.map((url) => security.joinLink(url)) : message.joinUrls;
  state.joinUrls.value = joinUrls;
  state.requireApproval.value = message.requireApproval;
  state.maxViewers.value = message.maxViewers;
  if (!joinUrls.includes(state.chosenJoinUrl.value ?? '')) state.chosenJoinUrl.value = joinUrls[0] ?? null;
}
