// Which installers `npm run build:<target>` makes on which OS (scripts/build-installers.mjs).
// Each maker needs its own OS: the .deb needs dpkg (Linux), Squirrel.Windows needs
// Windows, the DMG needs macOS.

export const TARGETS = {
  linux: { os: 'linux', osName: 'Linux', archs: ['x64'], makes: '.deb and portable .zip', needs: 'dpkg and fakeroot' },
  win: {
    os: 'win32',
    osName: 'Windows',
    archs: ['x64'],
    makes: 'Squirrel Setup.exe, .nupkg and RELEASES',
    needs: 'Squirrel.Windows',
  },
  mac: {
    os: 'darwin',
    osName: 'macOS',
    archs: ['arm64', 'x64'],
    makes: '.dmg and .zip (Apple silicon and Intel)',
    needs: 'hdiutil',
  },
};

/** What `target` makes on `hostOs`: the Forge runs, and the targets this OS cannot make (with why). */
export function buildPlan(target, hostOs) {
  const wanted = target === 'all' ? Object.keys(TARGETS) : [target];
  if (wanted.some((name) => !(name in TARGETS)))
    throw new Error(`unknown target "${target}": one of ${[...Object.keys(TARGETS), 'all'].join(', ')}`);
  const runs = [];
  const cannot = [];
  for (const name of wanted) {
    const spec = TARGETS[name];
    if (spec.os !== hostOs) cannot.push(`${name} (${spec.makes}): needs ${spec.osName} (${spec.needs})`);
    else
      for (const arch of spec.archs)
        runs.push({ name, args: ['electron-forge', 'make', '--platform', spec.os, '--arch', arch] });
  }
  return { runs, cannot };
}
