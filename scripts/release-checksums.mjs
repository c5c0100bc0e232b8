// `npm run release:checksums -- --dir DIR [--key-id ID]`: writes DIR/SHA256SUMS for
// every file in DIR and signs it as DIR/SHA256SUMS.asc with the key in $GNUPGHOME
// (--key-id or $RELEASE_SIGNING_KEY_ID, or its only secret key).
import { parseArgs } from 'node:util';
import { writeSignedChecksums } from './release/checksums.mjs';
import { cliMain, userPath } from './release/cli.mjs';
import { Signer } from './release/gpg.mjs';

cliMain('usage: npm run release:checksums -- --dir DIR [--key-id ID]', () => {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, 'key-id': { type: 'string' } }, strict: true });
  if (!values.dir) throw new Error('--dir is required');
  const signer = new Signer({
    gnupgHome: process.env.GNUPGHOME,
    keyId: values['key-id'] ?? process.env.RELEASE_SIGNING_KEY_ID,
  });
  writeSignedChecksums(userPath(values.dir), signer);
  console.log(`checksums: ${values.dir}/SHA256SUMS signed by ${signer.keyId}`);
});
