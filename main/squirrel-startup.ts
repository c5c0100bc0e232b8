// The Windows installer (Squirrel) starts the app with --squirrel-* flags while it
// installs, updates or removes it. The app must then create or remove its shortcuts
// and quit at once, without opening a window; Squirrel waits for it. This is what the
// electron-squirrel-startup package does, small enough to keep here and test.
import { spawn } from 'node:child_process';
import { win32 } from 'node:path';

/** Starts a detached process; resolves nothing, reports its end through `onExit`. */
export type Spawner = (command: string, args: readonly string[], onExit: () => void) => void;

export interface SquirrelStartupOptions {
  readonly argv: readonly string[];
  readonly platform: NodeJS.Platform;
  /** The app's exe: …\app-1.2.3\WebRTC Desktop Host.exe, next to …\Update.exe one folder up. */
  readonly execPath: string;
  readonly quit: () => void;
  readonly spawner?: Spawner;
}

const spawnDetached: Spawner = (command, args, onExit) => {
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.once('close', onExit);
  child.once('error', onExit); // no Update.exe (a portable copy): quit anyway
};

/** Returns true when this launch was a Squirrel event: the caller must do nothing else. */
export function handleSquirrelEvent({
  argv,
  platform,
  execPath,
  quit,
  spawner = spawnDetached,
}: SquirrelStartupOptions): boolean {
  if (platform !== 'win32') return false;
  // Squirrel passes the event as the first argument after the exe.
  const event = argv[1];
  const updateExe = win32.resolve(win32.dirname(execPath), '..', 'Update.exe');
  const exeName = win32.basename(execPath);
  switch (event) {
    case '--squirrel-install':
    case '--squirrel-updated':
      spawner(updateExe, [`--createShortcut=${exeName}`], quit);
      return true;
    case '--squirrel-uninstall':
      spawner(updateExe, [`--removeShortcut=${exeName}`], quit);
      return true;
    case '--squirrel-obsolete':
      // An older version being replaced: nothing to do but leave.
      quit();
      return true;
    default:
      return false;
  }
}
