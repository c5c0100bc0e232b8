// `npm run release:apt -- --debs DIR --out DIR [--key-id ID]`: adds DIR's .deb files to
// the signed apt repository in --out (scripts/release/apt-repository.mjs). The key is
// the one in $GNUPGHOME named by --key-id or $APT_SIGNING_KEY_ID, or its only secret key.
import { parseArgs } from 'node:util';
import { buildAptRepository } from './release/apt-repository.mjs';
import { Signer } from './release/gpg.mjs';
import { cliMain, userPath } from './release/cli.mjs';

const USAGE = 'usage: npm run release:apt -- --debs DIR --out DIR [--key-id ID]';

cliMain(USAGE, () => {
  const { values } = parseArgs({
    options: { debs: { type: 'string' }, out: { type: 'string' }, 'key-id': { type: 'string' } },
    strict: true,
  });
  if (!values.debs || !values.out) throw new Error('--debs and --out are required');
  const signer = new Signer({
    gnupgHome: process.env.GNUPGHOME,
    keyId: values['key-id'] ?? process.env.APT_SIGNING_KEY_ID,
  });
  const added = buildAptRepository({ debsDir: userPath(values.debs), out: userPath(values.out), signer });
  for (const file of added) console.log(`apt: ${file}`);
  console.log(`apt: ${values.out} signed by ${signer.keyId}`);
});
