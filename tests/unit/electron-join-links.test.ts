// Join links from outside: the custom scheme and the http form are routed to the
// renderer's onJoinLink (once its page has loaded), and anything else is ignored.
import type { BrowserWindow } from 'electron';
import { findJoinLink, JoinLinkInbox, registerJoinScheme, toJoinLink } from '../../main/join-links';
import { eventChannels } from '../../preload/ipc-contract';
import { BrowserWindow as FakeWindow, fake, resetFakeElectron } from '../support/fake-electron';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const HTTP_LINK = `http://192.168.1.20:9470/join#t=${TOKEN}`;
const CHANNEL = eventChannels.joinLink.channel;

beforeEach(() => resetFakeElectron());

describe('reading a link', () => {
  it.each([
    ['the http form', HTTP_LINK, HTTP_LINK],
    ['the https form', `https://host.example:443/join#t=${TOKEN}`, `https://host.example:443/join#t=${TOKEN}`],
    ['the custom scheme, query form', `webrtc-desktop-host://join?host=192.168.1.20&port=9470#t=${TOKEN}`, HTTP_LINK],
    [
      'the custom scheme, secure',
      `webrtc-desktop-host://join?host=h.example&port=8443&secure=1#t=${TOKEN}`,
      `https://h.example:8443/join#t=${TOKEN}`,
    ],
    [
      'the custom scheme, IPv6',
      `webrtc-desktop-host://join?host=fd00::1&port=9470#t=${TOKEN}`,
      `http://[fd00::1]:9470/join#t=${TOKEN}`,
    ],
    ['the custom scheme, swapped http form', `webrtc-desktop-host://192.168.1.20:9470/join#t=${TOKEN}`, HTTP_LINK],
    ['surrounding spaces', `  ${HTTP_LINK}\n`, HTTP_LINK],
  ])('accepts %s', (_label, text, expected) => {
    expect(toJoinLink(text)).toBe(expected);
  });

  it.each([
    ['garbage', 'hello there'],
    ['an empty string', ''],
    ['another scheme', `javascript://join?host=x&port=1#t=${TOKEN}`],
    ['a file link', `file:///join#t=${TOKEN}`],
    ['no token', 'webrtc-desktop-host://join?host=192.168.1.20&port=9470'],
    ['a damaged token', 'http://192.168.1.20:9470/join#t=short'],
    ['a page other than /join', `http://192.168.1.20:9470/host#t=${TOKEN}`],
    ['a port that is not a number', `webrtc-desktop-host://join?host=a&port=x#t=${TOKEN}`],
    ['a host smuggling a path', `webrtc-desktop-host://join?host=evil.example/x&port=80#t=${TOKEN}`],
    ['a host smuggling credentials', `webrtc-desktop-host://join?host=a@evil.example&port=80#t=${TOKEN}`],
    ['a huge link', `${HTTP_LINK}&x=${'a'.repeat(5000)}`],
  ])('ignores %s', (_label, text) => {
    expect(toJoinLink(text)).toBeNull();
  });

  it('finds the link the OS appended to the command line, skipping Electron’s own arguments', () => {
    const argv = [
      '/usr/lib/webrtc-desktop-host/webrtc-desktop-host',
      '--no-sandbox-is-not-ours',
      `webrtc-desktop-host://join?host=192.168.1.20&port=9470#t=${TOKEN}`,
    ];
    expect(findJoinLink(argv)).toBe(HTTP_LINK);
    expect(findJoinLink(['/usr/bin/app', '.'])).toBeNull();
  });
});

describe('delivering a link', () => {
  let window: InstanceType<typeof FakeWindow>;
  let inbox: JoinLinkInbox;

  beforeEach(() => {
    window = new FakeWindow();
    inbox = new JoinLinkInbox();
  });

  it('holds a link that arrives before the page has loaded, then delivers it and focuses the window', async () => {
    inbox.attach(window as unknown as BrowserWindow);
    expect(inbox.receive(`webrtc-desktop-host://join?host=192.168.1.20&port=9470#t=${TOKEN}`)).toBe(true);
    expect(window.webContents.sent).toEqual([]);
    await window.loadURL('app://desktop/host');
    expect(window.webContents.sent).toEqual([{ channel: CHANNEL, args: [HTTP_LINK] }]);
    expect(window.focusCount).toBe(1);
  });

  it('delivers at once to a loaded page (a second launch with a link)', async () => {
    await window.loadURL('app://desktop/host');
    inbox.attach(window as unknown as BrowserWindow);
    window.minimized = true;
    expect(inbox.receiveArgv(['/app', HTTP_LINK])).toBe(true);
    expect(window.webContents.sent).toEqual([{ channel: CHANNEL, args: [HTTP_LINK] }]);
    expect(window.minimized).toBe(false);
  });

  it('ignores garbage without sending or focusing anything', async () => {
    await window.loadURL('app://desktop/host');
    inbox.attach(window as unknown as BrowserWindow);
    expect(inbox.receive('webrtc-desktop-host://not-a-join-link')).toBe(false);
    expect(inbox.receiveArgv(['/app', '--flag', 'http://example.com/'])).toBe(false);
    expect(window.webContents.sent).toEqual([]);
    expect(window.focusCount).toBe(0);
  });

  it('never hands a link to a page that is not ours', async () => {
    await window.loadURL('https://evil.example/');
    inbox.attach(window as unknown as BrowserWindow);
    inbox.receive(HTTP_LINK);
    expect(window.webContents.sent).toEqual([]);
  });
});

it('registers the webrtc-desktop-host scheme with the OS', () => {
  registerJoinScheme();
  expect(fake.app.protocolClients).toHaveLength(1);
  expect(fake.app.protocolClients[0]![0]).toBe('webrtc-desktop-host');
});
