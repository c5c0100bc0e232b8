// Signing with the OpenPGP key in a given GNUPGHOME (the release workflow imports the
// key into a temporary one). The key is named by id, or is the only secret key there.
import { ReleaseError, run } from './run.mjs';

const BATCH = ['--batch', '--yes', '--no-tty', '--pinentry-mode', 'loopback'];

export class Signer {
  /** @param {{ gnupgHome?: string, keyId?: string }} options */
  constructor({ gnupgHome, keyId }) {
    this.env = gnupgHome ? { GNUPGHOME: gnupgHome } : {};
    this.keyId = keyId || this.onlySecretKey();
  }

  /** The fingerprint of the one secret key in the keyring; several or none is an error (which one to trust?). */
  onlySecretKey() {
    const listing = this.gpg(['--list-secret-keys', '--with-colons']);
    const fingerprints = [];
    let inSecretKey = false;
    for (const line of listing.split('\n')) {
      const fields = line.split(':');
      if (fields[0] === 'sec') inSecretKey = true;
      else if (fields[0] === 'ssb') inSecretKey = false;
      else if (fields[0] === 'fpr' && inSecretKey) {
        fingerprints.push(fields[9]);
        inSecretKey = false;
      }
    }
    if (fingerprints.length !== 1)
      throw new ReleaseError(
        `found ${fingerprints.length} secret keys in the keyring: name the signing key with --key-id`,
      );
    return fingerprints[0];
  }

  gpg(args) {
    return run('gpg', [...BATCH, ...args], { env: this.env });
  }

  /** An armored detached signature (SHA256SUMS.asc), or a binary one (Release.gpg). */
  detachSign(file, out, { armor }) {
    this.gpg([
      '--local-user',
      this.keyId,
      '--digest-algo',
      'SHA512',
      ...(armor ? ['--armor'] : []),
      '--output',
      out,
      '--detach-sign',
      file,
    ]);
  }

  /** A clear-signed copy (InRelease: the Release text and its signature in one file). */
  clearSign(file, out) {
    this.gpg(['--local-user', this.keyId, '--digest-algo', 'SHA512', '--output', out, '--clearsign', file]);
  }

  /** The public key, for users' keyrings: binary for apt's signed-by, armored for gpg --import. */
  exportPublicKey(out, { armor }) {
    this.gpg([...(armor ? ['--armor'] : []), '--output', out, '--export', this.keyId]);
  }
}
