// A standard signed apt repository from the release's .deb files, built by Debian's own
// tools: apt-ftparchive writes Packages and Release, gpg signs Release (InRelease and
// Release.gpg). Layout: pool/main/<letter>/<package>/*.deb and
// dists/stable/main/binary-{amd64,arm64}/Packages(.gz). Files already in the pool stay,
// so the index lists every version and `apt upgrade` sees the newest.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import { sha256File } from './checksums.mjs';
import { ReleaseError, run } from './run.mjs';

export const SUITE = 'stable';
export const COMPONENT = 'main';
export const ARCHITECTURES = ['amd64', 'arm64'];
/** What users download for apt's `signed-by` (binary) and for gpg --import (armored). */
export const KEYRING = 'webrtc-desktop-host-archive-keyring.gpg';
export const ARMORED_KEY = 'webrtc-desktop-host-archive-keyring.asc';

const ORIGIN = 'WebRTC Desktop Host';

function debFields(deb) {
  const fields = {};
  for (const name of ['Package', 'Version', 'Architecture'])
    fields[name] = run('dpkg-deb', ['--field', deb, name]).trim();
  if (!/^[a-z0-9][a-z0-9+.-]+$/.test(fields.Package)) throw new ReleaseError(`${deb}: bad Package "${fields.Package}"`);
  return fields;
}

/** Copies each .deb into the pool under Debian's file name; a different file under an existing name is refused. */
function addToPool(debsDir, out) {
  const debs = readdirSync(debsDir).filter((name) => name.endsWith('.deb'));
  if (debs.length === 0) throw new ReleaseError(`${debsDir} has no .deb files`);
  const added = [];
  for (const name of debs) {
    const deb = join(debsDir, name);
    const { Package, Version, Architecture } = debFields(deb);
    const dir = join(out, 'pool', COMPONENT, Package[0], Package);
    // An epoch's colon is not allowed in pool file names (Debian drops it too).
    const target = join(dir, `${Package}_${Version.replace(/^\d+:/, '')}_${Architecture}.deb`);
    if (existsSync(target)) {
      // Users' apt caches already hold the published file's hash: replacing it would break their downloads.
      if (sha256File(target) !== sha256File(deb))
        throw new ReleaseError(`${basename(target)} is already published with different contents: bump the version`);
    } else {
      mkdirSync(dir, { recursive: true });
      copyFileSync(deb, target);
    }
    added.push(target);
  }
  return added;
}

function writeIndexes(out) {
  const dists = join(out, 'dists', SUITE);
  for (const arch of ARCHITECTURES) {
    const dir = join(dists, COMPONENT, `binary-${arch}`);
    mkdirSync(dir, { recursive: true });
    // Paths in Packages are relative to the repository root: run from there.
    const packages = run('apt-ftparchive', ['--arch', arch, 'packages', join('pool', COMPONENT)], { cwd: out });
    writeFileSync(join(dir, 'Packages'), packages);
    writeFileSync(join(dir, 'Packages.gz'), gzipSync(Buffer.from(packages), { level: 9 }));
  }
  const release = run(
    'apt-ftparchive',
    [
      ...Object.entries({
        Origin: ORIGIN,
        Label: ORIGIN,
        Suite: SUITE,
        Codename: SUITE,
        Architectures: ARCHITECTURES.join(' '),
        Components: COMPONENT,
        Description: `${ORIGIN} releases`,
      }).flatMap(([field, value]) => ['-o', `APT::FTPArchive::Release::${field}=${value}`]),
      'release',
      '.',
    ],
    { cwd: dists },
  );
  // Written only now: apt-ftparchive would otherwise hash an old Release into the new one.
  for (const old of ['Release', 'InRelease', 'Release.gpg']) rmSync(join(dists, old), { force: true });
  writeFileSync(join(dists, 'Release.tmp'), release);
  renameSync(join(dists, 'Release.tmp'), join(dists, 'Release'));
  return dists;
}

/**
 * Adds the .deb files of `debsDir` to the repository in `out` (created when missing) and
 * re-signs it with `signer` (scripts/release/gpg.mjs). Returns the pool files added.
 */
export function buildAptRepository({ debsDir, out, signer }) {
  mkdirSync(out, { recursive: true });
  const added = addToPool(debsDir, out);
  const dists = writeIndexes(out);
  signer.clearSign(join(dists, 'Release'), join(dists, 'InRelease'));
  signer.detachSign(join(dists, 'Release'), join(dists, 'Release.gpg'), { armor: false });
  signer.exportPublicKey(join(out, KEYRING), { armor: false });
  signer.exportPublicKey(join(out, ARMORED_KEY), { armor: true });
  if (readFileSync(join(out, KEYRING)).length === 0)
    throw new ReleaseError(`gpg exported no public key for ${signer.keyId}`);
  return added;
}
