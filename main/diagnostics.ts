// "Copy diagnostics" (Help menu and tray): versions, the settings without secrets and the
// newest log lines, as text on the clipboard for the user to paste into a bug report.
// Nothing is uploaded; the log lines were redacted when written and are redacted again.
import { clipboard } from 'electron';
import { redactSecrets, REDACTED } from './log-redaction';
import { log } from './main-log';

export const DIAGNOSTICS_LOG_LINES = 200;
const SECRET_SETTING = /key|token|secret|password|passphrase/i;

export interface DiagnosticsSources {
  readonly appVersion: string;
  readonly isPackaged: boolean;
  readonly versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly settings: () => Promise<unknown>;
  readonly logLines: (count: number) => string[];
}

/** The settings with every secret-named field's value replaced, at any depth. */
export function settingsWithoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(settingsWithoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      SECRET_SETTING.test(name) ? REDACTED : settingsWithoutSecrets(inner),
    ]),
  );
}

export async function diagnosticsText(sources: DiagnosticsSources, now = new Date()): Promise<string> {
  const { versions, os } = sources;
  const lines = sources.logLines(DIAGNOSTICS_LOG_LINES);
  const text = [
    `WebRTC Desktop Host diagnostics, ${now.toISOString()} (copied by the user; nothing was sent anywhere)`,
    `App: ${sources.appVersion} (${sources.isPackaged ? 'packaged' : 'development build'})`,
    `Electron ${versions.electron ?? '?'}, Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'}, V8 ${versions.v8 ?? '?'}`,
    `OS: ${os.platform} ${os.release} (${os.arch})`,
    `Settings: ${JSON.stringify(settingsWithoutSecrets(await sources.settings()))}`,
    `Last ${lines.length} log lines:`,
    ...lines,
    '',
  ].join('\n');
  return redactSecrets(text);
}

/** Gathers the diagnostics and puts them on the clipboard. */
export async function copyDiagnostics(sources: DiagnosticsSources): Promise<void> {
  clipboard.writeText(await diagnosticsText(sources));
  log.info('diagnostics: copied to the clipboard');
}
