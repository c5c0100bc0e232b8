// Capture sources and the display-media handler: the page gets exactly the screen or
// window the user chose, nothing when nothing was chosen, and nothing for other pages.
import type { Session } from 'electron';
import { CaptureService, SYSTEM_DIALOG_SOURCE } from '../../main/capture-service';
import { systemAudioSupportFor } from '../../main/platform-switches';
import { fake, fakeSource, resetFakeElectron } from '../support/fake-electron';

const APP_FRAME = { url: 'app://desktop/host' };
type DisplayMediaHandler = (
  request: { frame: { url: string } | null; audioRequested: boolean; videoRequested: boolean },
  callback: (streams: unknown) => void,
) => void;

beforeEach(() => {
  resetFakeElectron();
  fake.capturer.sources = [fakeSource('screen:0:0', 'Entire screen', '1'), fakeSource('window:42:0', 'Editor')];
});

/** What the installed handler answers a getDisplayMedia call with. */
function askForDisplay(frame: { url: string } | null = APP_FRAME, audioRequested = false): unknown {
  const handler = fake.session.displayMediaRequestHandler as DisplayMediaHandler | null;
  if (!handler) throw new Error('no display-media handler installed');
  let answer: unknown = 'no answer';
  handler({ frame, audioRequested, videoRequested: true }, (streams) => (answer = streams));
  return answer;
}

/** The sound support start-up decides for an OS (platform-switches), as main passes it. */
function installed(platform: NodeJS.Platform = 'linux', osVersion = '14.0.0'): CaptureService {
  const capture = new CaptureService(systemAudioSupportFor(platform, osVersion));
  capture.install(fake.session as unknown as Session);
  return capture;
}

describe('listing sources', () => {
  it('lists screens and windows with thumbnails and display ids', async () => {
    const listed = await installed().listSources();
    expect(listed).toEqual({
      ok: true,
      value: [
        {
          id: 'screen:0:0',
          name: 'Entire screen',
          kind: 'screen',
          displayId: '1',
          thumbnail: 'data:image/png;base64,screen:0:0',
        },
        {
          id: 'window:42:0',
          name: 'Editor',
          kind: 'window',
          displayId: '',
          thumbnail: 'data:image/png;base64,window:42:0',
        },
      ],
    });
    expect(fake.capturer.calls[0]).toMatchObject({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
    });
  });
});

describe('the display-media handler', () => {
  it('denies when no source was chosen', () => {
    installed();
    expect(askForDisplay()).toBeNull();
  });

  it('grants exactly the chosen source, video only', async () => {
    const capture = installed();
    await expect(capture.choose({ sourceId: 'window:42:0', systemAudio: false })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(askForDisplay()).toEqual({ video: { id: 'window:42:0', name: 'Editor' } });
  });

  it('refuses a source that no longer exists and keeps no choice', async () => {
    const capture = installed();
    const chosen = await capture.choose({ sourceId: 'window:99:0', systemAudio: false });
    expect(chosen.ok).toBe(false);
    expect(askForDisplay()).toBeNull();
  });

  it('takes a source from the list just shown without listing again (Wayland opens its picker per listing)', async () => {
    const capture = installed();
    await capture.listSources();
    const listings = fake.capturer.calls.length;
    expect((await capture.choose({ sourceId: 'window:42:0', systemAudio: false })).ok).toBe(true);
    expect(fake.capturer.calls.length).toBe(listings);
    expect(askForDisplay()).toEqual({ video: { id: 'window:42:0', name: 'Editor' } });
  });

  it('denies pages that are not ours, and a request with no frame', async () => {
    const capture = installed();
    await capture.choose({ sourceId: 'screen:0:0', systemAudio: false });
    expect(askForDisplay({ url: 'https://evil.example/' })).toBeNull();
    expect(askForDisplay({ url: 'http://127.0.0.1:9470/host' })).toBeNull();
    expect(askForDisplay(null)).toBeNull();
  });

  it('forgets the choice when hosting stops', async () => {
    const capture = installed();
    await capture.choose({ sourceId: 'screen:0:0', systemAudio: false });
    capture.forgetChoice();
    expect(askForDisplay()).toBeNull();
  });
});

describe('system audio', () => {
  it('adds loopback audio on Windows when it was asked for', async () => {
    const capture = installed('win32');
    expect(capture.systemAudioSupport()).toEqual({ available: true, reason: null });
    await capture.choose({ sourceId: 'screen:0:0', systemAudio: true });
    expect(askForDisplay(APP_FRAME, true)).toEqual({
      video: { id: 'screen:0:0', name: 'Entire screen' },
      audio: 'loopback',
    });
    expect(askForDisplay(APP_FRAME, false)).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
  });

  it('adds loopback audio on macOS 13 and later', async () => {
    const capture = installed('darwin', '13.4.0');
    expect(capture.systemAudioSupport().available).toBe(true);
    await capture.choose({ sourceId: 'screen:0:0', systemAudio: true });
    expect(askForDisplay(APP_FRAME, true)).toMatchObject({ audio: 'loopback' });
  });

  it.each([
    ['linux', '6.1.0', /not available on Linux/],
    ['darwin', '12.6.0', /macOS 13/],
  ] as const)('on %s %s, says plainly it is unavailable and sends video only', async (platform, osVersion, reason) => {
    const capture = installed(platform, osVersion);
    const support = capture.systemAudioSupport();
    expect(support.available).toBe(false);
    expect(support.reason).toMatch(reason);
    await capture.choose({ sourceId: 'screen:0:0', systemAudio: true });
    expect(askForDisplay(APP_FRAME, true)).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
  });
});

describe('on Wayland, where the system dialog is the picker', () => {
  function onWayland(): CaptureService {
    const capture = new CaptureService(systemAudioSupportFor('linux', '6.1.0'), 'wayland');
    capture.install(fake.session as unknown as Session);
    return capture;
  }

  it('lists no sources at launch (each listing would open the system dialog) but one entry that says what happens', async () => {
    const listed = await onWayland().listSources();
    expect(fake.capturer.calls).toEqual([]);
    expect(listed).toEqual({ ok: true, value: [SYSTEM_DIALOG_SOURCE] });
    expect(SYSTEM_DIALOG_SOURCE.name).toMatch(/system asks/);
  });

  it('grants the placeholder screen without listing, so sharing opens the dialog exactly once', async () => {
    const capture = onWayland();
    expect((await capture.choose({ sourceId: SYSTEM_DIALOG_SOURCE.id, systemAudio: false })).ok).toBe(true);
    expect(askForDisplay()).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
    expect(fake.capturer.calls).toEqual([]);
  });

  it('refuses any other source id, and still denies foreign pages', async () => {
    const capture = onWayland();
    expect((await capture.choose({ sourceId: 'window:42:0', systemAudio: false })).ok).toBe(false);
    expect(askForDisplay()).toBeNull();
    await capture.choose({ sourceId: SYSTEM_DIALOG_SOURCE.id, systemAudio: false });
    expect(askForDisplay({ url: 'https://evil.example/' })).toBeNull();
  });
});
