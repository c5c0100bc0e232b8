// Crash reports stay on this computer (app.getPath('crashDumps')): useful to attach to
// a bug report by hand, never sent anywhere. Must start before the app is ready so a
// crash during start-up is caught too.
import { crashReporter } from 'electron';

export function keepCrashReportsLocal(): void {
  crashReporter.start({ uploadToServer: false, compress: true });
}
