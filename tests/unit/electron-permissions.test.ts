// Web permissions: display capture for our own page's main frame, nothing else for anyone
// (Electron would otherwise grant every permission); no camera or microphone even for our page.
import type { Session } from 'electron';
import { applyPermissionPolicy, isPermissionAllowed } from '../../main/permissions';
import { fake, resetFakeElectron } from '../support/fake-electron';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: { isMainFrame: boolean },
) => boolean;

function request(permission: string, requestingUrl: string, isMainFrame = true): boolean {
  let granted: boolean | undefined;
  (fake.session.permissionRequestHandler as RequestHandler)(null, permission, (answer) => (granted = answer), {
    requestingUrl,
    isMainFrame,
  });
  if (granted === undefined) throw new Error('the permission request was never answered');
  return granted;
}

const check = (permission: string, origin: string, isMainFrame = true): boolean =>
  (fake.session.permissionCheckHandler as CheckHandler)(null, permission, origin, { isMainFrame });

beforeEach(() => {
  resetFakeElectron();
  applyPermissionPolicy(fake.session as unknown as Session);
});

it('grants display capture to our own page', () => {
  expect(request('display-capture', 'app://desktop/host')).toBe(true);
  expect(check('display-capture', 'app://desktop')).toBe(true);
});

it('denies camera and microphone (media) even to our own page, which never uses them', () => {
  expect(request('media', 'app://desktop/host')).toBe(false);
  expect(request('media', 'app://desktop/join')).toBe(false);
  expect(check('media', 'app://desktop')).toBe(false);
  expect(isPermissionAllowed('media', 'app://desktop', true)).toBe(false);
});

it.each([
  'notifications',
  'geolocation',
  'clipboard-read',
  'openExternal',
  'fullscreen',
  'midiSysex',
  'hid',
  'usb',
  'serial',
  'unknown',
])('denies %s even to our own page', (permission) => {
  expect(request(permission, 'app://desktop/host')).toBe(false);
  expect(check(permission, 'app://desktop')).toBe(false);
});

it('denies display capture to any other origin or a subframe', () => {
  for (const url of [
    'https://evil.example/',
    'http://127.0.0.1:9470/host',
    'file:///tmp/x.html',
    'app://desktop.evil/',
  ]) {
    expect(request('display-capture', url)).toBe(false);
    expect(check('display-capture', new URL(url).origin)).toBe(false);
  }
  expect(request('display-capture', 'app://desktop/host', false)).toBe(false);
  expect(check('display-capture', 'app://desktop', false)).toBe(false);
});

it('decides the same way for requests and checks', () => {
  expect(isPermissionAllowed('display-capture', 'app://desktop', true)).toBe(true);
  expect(isPermissionAllowed('display-capture', undefined, true)).toBe(false);
});
