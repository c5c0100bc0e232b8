// The release scripts' common parts: their errors (bad flags, a failing tool) print as
// one plain message with the usage line and exit 1, without a stack trace; and paths are
// taken from where the user ran `npm run` (npm itself runs scripts in the project root).
import { resolve } from 'node:path';

/** A path given on the command line, relative to the folder `npm run` was started in. */
export const userPath = (path) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

export function cliMain(usage, main) {
  try {
    main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(1);
  }
}
