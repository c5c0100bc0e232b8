// Code signing and notarising, driven by environment variables that the release
// workflow fills from repository secrets (docs/release.md lists them). Without them
// the build still succeeds, unsigned, and says so once per packaged platform.
import type { ForgePackagerOptions } from '@electron-forge/shared-types';

export type SigningEnv = Readonly<Record<string, string | undefined>>;

const present = (env: SigningEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

export interface MacSigning {
  readonly osxSign?: ForgePackagerOptions['osxSign'];
  readonly osxNotarize?: ForgePackagerOptions['osxNotarize'];
  /** What happens, for the build log. */
  readonly summary: string;
}

/** APPLE_SIGNING_IDENTITY signs; APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID notarise. */
export function macSigning(env: SigningEnv): MacSigning {
  const identity = present(env, 'APPLE_SIGNING_IDENTITY');
  if (!identity) return { summary: 'macOS: not signing or notarising (APPLE_SIGNING_IDENTITY is not set)' };
  const osxSign = { identity, optionsForFile: () => ({ hardenedRuntime: true }) };
  const appleId = present(env, 'APPLE_ID');
  const appleIdPassword = present(env, 'APPLE_APP_SPECIFIC_PASSWORD');
  const teamId = present(env, 'APPLE_TEAM_ID');
  if (!appleId || !appleIdPassword || !teamId) {
    return {
      osxSign,
      summary:
        'macOS: signing; not notarising (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not all set)',
    };
  }
  return { osxSign, osxNotarize: { appleId, appleIdPassword, teamId }, summary: 'macOS: signing and notarising' };
}

export interface WindowsSigning {
  readonly certificate?: { readonly certificateFile: string; readonly certificatePassword: string };
  readonly summary: string;
}

/** WINDOWS_CERTIFICATE_FILE (a .pfx path) + WINDOWS_CERTIFICATE_PASSWORD sign the app and its installer. */
export function windowsSigning(env: SigningEnv): WindowsSigning {
  const certificateFile = present(env, 'WINDOWS_CERTIFICATE_FILE');
  const certificatePassword = present(env, 'WINDOWS_CERTIFICATE_PASSWORD');
  if (!certificateFile || !certificatePassword) {
    return {
      summary: 'Windows: not signing (WINDOWS_CERTIFICATE_FILE and WINDOWS_CERTIFICATE_PASSWORD are not both set)',
    };
  }
  return {
    certificate: { certificateFile, certificatePassword },
    summary: 'Windows: signing with WINDOWS_CERTIFICATE_FILE',
  };
}

/** The signing line for the platform being packaged; Linux packages are not signed. */
export function signingSummary(platform: string, mac: MacSigning, windows: WindowsSigning): string {
  if (platform === 'darwin' || platform === 'mas') return `signing: ${mac.summary}`;
  if (platform === 'win32') return `signing: ${windows.summary}`;
  return `signing: ${platform}: packages are not signed (nothing to do)`;
}
