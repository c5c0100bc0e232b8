// What the viewer shows on news about its admission or the host (renderer/viewer/status-on-news.ts): once the
// picture flows nothing of it changes the screen, except a welcome after a blip, which says "watching" again.
import { statusOnNews } from '../../renderer/viewer/status-on-news';

const welcome = (state: 'waiting' | 'admitted', hostPresent: boolean) =>
  ({ type: 'welcome', role: 'viewer', id: 'v1', state, hostPresent }) as const;

describe('statusOnNews', () => {
  it('before the picture: waiting, connecting or host away', () => {
    expect(statusOnNews(welcome('waiting', true), false, 'connecting')).toBe('waiting');
    expect(statusOnNews(welcome('admitted', true), false, 'connecting')).toBe('connecting');
    expect(statusOnNews(welcome('admitted', false), false, 'connecting')).toBe('host-away');
    expect(statusOnNews({ type: 'admitted' }, false, 'waiting')).toBe('connecting');
    expect(statusOnNews({ type: 'host-left' }, false, 'connecting')).toBe('host-away');
    expect(statusOnNews({ type: 'host-joined' }, false, 'host-away')).toBe('connecting');
  });
  it('while the picture flows: only a welcome speaks, keeping paused', () => {
    expect(statusOnNews({ type: 'host-left' }, true, 'watching')).toBeNull();
    expect(statusOnNews({ type: 'admitted' }, true, 'watching')).toBeNull();
    expect(statusOnNews(welcome('admitted', true), true, 'reconnecting')).toBe('watching');
    expect(statusOnNews(welcome('admitted', true), true, 'paused')).toBe('paused');
  });
  it('ignores a welcome meant for a host', () => {
    expect(statusOnNews({ type: 'welcome', role: 'host', viewers: [] }, false, 'connecting')).toBeNull();
  });
});
