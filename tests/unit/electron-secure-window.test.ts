// The hardened window: every window's webPreferences read back from what was actually
// passed to BrowserWindow, navigation kept inside the app, and no new windows.
import {
  createSecureWindow,
  guardAllWebContents,
  isAllowedExternalUrl,
  openExternalIfAllowed,
} from '../../main/secure-window';
import { fake, resetFakeElectron, FakeWebContents } from '../support/fake-electron';

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // The host keeps running hidden in the tray.
  backgroundThrottling: false,
};

beforeEach(() => {
  resetFakeElectron();
  // Refused links are logged; keep the test output for failures.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

function windowContents(): FakeWebContents {
  createSecureWindow({ preloadPath: '/app/dist/preload/preload.js' });
  return fake.windows[0]!.webContents;
}

describe('the window factory', () => {
  it('creates every window with contextIsolation, sandbox, webSecurity on and Node, webviews and insecure content off', () => {
    createSecureWindow({ preloadPath: '/app/dist/preload/preload.js' });
    createSecureWindow({ preloadPath: '/app/dist/preload/preload.js', width: 400, height: 300 });
    expect(fake.windows).toHaveLength(2);
    for (const window of fake.windows) {
      expect(window.options.webPreferences).toMatchObject(SECURE);
      expect(window.options.webPreferences?.preload).toBe('/app/dist/preload/preload.js');
    }
  });

  it('sets no option that would loosen a secure default', () => {
    createSecureWindow({ preloadPath: '/p.js' });
    const prefs = fake.windows[0]!.options.webPreferences ?? {};
    for (const risky of ['enableBlinkFeatures', 'nodeIntegrationInWorker', 'additionalArguments', 'partition']) {
      expect(prefs[risky] === undefined || prefs[risky] === false).toBe(true);
    }
  });
});

describe('navigation', () => {
  it('blocks will-navigate to a foreign origin', () => {
    const contents = windowContents();
    expect(contents.tryNavigate('https://evil.example/')).toBe(true);
    expect(contents.tryNavigate('http://192.168.1.20:9470/join#t=abc')).toBe(true);
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(true);
    expect(contents.tryNavigate('app://desktop.evil/host')).toBe(true);
    expect(contents.tryNavigate('app://other/host')).toBe(true);
  });

  it('blocks redirects out of the app too', () => {
    expect(windowContents().tryNavigate('https://evil.example/', 'will-redirect')).toBe(true);
  });

  it('lets the app move between its own pages', () => {
    const contents = windowContents();
    expect(contents.tryNavigate('app://desktop/join')).toBe(false);
    expect(contents.tryNavigate('app://desktop/host')).toBe(false);
  });

  it('refuses to attach a webview', () => {
    const contents = windowContents();
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('window.open', () => {
  it('denies every new window, whatever the URL', () => {
    const contents = windowContents();
    for (const url of ['https://github.com/', 'app://desktop/host', 'https://evil.example/', 'javascript:alert(1)']) {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
  });

  it('opens only allow-listed https links in the user’s browser', () => {
    const contents = windowContents();
    contents.openWindow('https://github.com/some/where');
    contents.openWindow('http://github.com/plain-http');
    contents.openWindow('https://evil.example/');
    contents.openWindow('https://github.com@evil.example/');
    contents.openWindow('file:///etc/passwd');
    expect(fake.shell.opened).toEqual(['https://github.com/some/where']);
    expect(console.warn).toHaveBeenCalledWith('refused to open https://evil.example/: not on the allow-list');
  });

  it('offers the same allow-list to main’s own links (the releases page)', () => {
    expect(openExternalIfAllowed('https://github.com/webrtc-desktop-host/webrtc-desktop-host/releases')).toBe(true);
    expect(openExternalIfAllowed('https://example.com/releases')).toBe(false);
    expect(fake.shell.opened).toEqual(['https://github.com/webrtc-desktop-host/webrtc-desktop-host/releases']);
  });

  it('passes a remembered position to the window, and leaves placement to the OS without one', () => {
    expect(createSecureWindow({ preloadPath: '/p.js', x: 10, y: 20, width: 900, height: 700 }).getBounds()).toEqual({
      x: 10,
      y: 20,
      width: 900,
      height: 700,
    });
    expect(fake.windows.at(-1)!.options).toMatchObject({ x: 10, y: 20 });
    createSecureWindow({ preloadPath: '/p.js', x: 10 });
    expect(fake.windows.at(-1)!.options).not.toHaveProperty('x');
  });

  it('reads the allow-list strictly', () => {
    expect(isAllowedExternalUrl('https://github.com/x')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('web contents created elsewhere', () => {
  it('get the same guards', () => {
    guardAllWebContents();
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(other.tryNavigate('https://evil.example/')).toBe(true);
  });
});
