// Placeholder preload until the typed IPC contract lands (issue 4): exposes only
// which platform the renderer runs on.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('desktopHost', Object.freeze({ platform: 'electron' as const }));
