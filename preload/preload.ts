// The preload: one narrow API object, one method per channel of the contract, exposed
// to the page as `window.desktopHost`. Nothing else from Electron reaches the page.
import { contextBridge } from 'electron';
import type { DesktopApi } from './api-types';
import { invoke, subscribe } from './ipc-renderer-wrappers';

const api: DesktopApi = {
  startHosting: () => invoke('startHosting', undefined),
  stopHosting: () => invoke('stopHosting', undefined),
  getHostingPort: () => invoke('getHostingPort', undefined),
  setHostingPort: (request) => invoke('setHostingPort', request),
  listSources: () => invoke('listSources', undefined),
  chooseSource: (request) => invoke('chooseSource', request),
  systemAudioSupport: () => invoke('systemAudioSupport', undefined),
  readClipboardJoinLink: () => invoke('readClipboardJoinLink', undefined),
  reportHostingState: (report) => invoke('reportHostingState', report),
  openRecording: (request) => invoke('openRecording', request),
  writeRecording: (request) => invoke('writeRecording', request),
  closeRecording: (request) => invoke('closeRecording', request),
  reportRendererError: (error) => invoke('reportRendererError', error),
  onJoinLink: (listener) => subscribe('joinLink', listener),
  onViewerDecision: (listener) => subscribe('viewerDecision', listener),
  // The payload is an empty marker: the page's listener gets nothing from the IPC message.
  onStopHostingRequest: (listener) => subscribe('stopHostingRequest', () => listener()),
};

contextBridge.exposeInMainWorld('desktopHost', Object.freeze(api));
