// What the viewer shows when the server tells it about its admission or the host: once
// the picture flows, none of it changes what the person watching sees.
import type { ServerMessage } from '../../signaling/protocol';
import type { JoinStatus } from '../app/app-state';

type News = Extract<ServerMessage, { type: 'welcome' | 'admitted' | 'host-left' | 'host-joined' }>;

/** The status to show now; null to leave it (and its detail) as it is. */
export function statusOnNews(news: News, playing: boolean, current: JoinStatus): JoinStatus | null {
  if (news.type === 'welcome' && news.role !== 'viewer') return null;
  // Back after a blip with the picture still flowing: nothing changed for the person watching.
  if (playing) return news.type !== 'welcome' ? null : current === 'paused' ? 'paused' : 'watching';
  switch (news.type) {
    case 'welcome':
      return news.state === 'waiting' ? 'waiting' : news.hostPresent ? 'connecting' : 'host-away';
    case 'host-left':
      // Media may keep flowing if only the host's signaling dropped; the connection is closed when it fails, or
      // replaced by the host's next offer.
      return 'host-away';
    case 'admitted':
    case 'host-joined':
      return 'connecting';
  }
}
