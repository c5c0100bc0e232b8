// Before the network tier: says why it skips, if it does; names this run's namespaces
// (prefix + the runner's pid, inherited by the workers) and removes what killed runs left.
import { labUnavailable } from './commands';
import { removeLabNamespaces, runPrefix } from './namespaces';

export default function globalSetup(): () => void {
  const unavailable = labUnavailable();
  if (unavailable) {
    console.log(`network lab: skipped: ${unavailable}`);
    return () => undefined;
  }
  const prefix = runPrefix();
  const stale = removeLabNamespaces(prefix);
  if (stale.length > 0) console.log(`network lab: removed ${stale.length} namespace(s) left by an earlier run`);
  // Also on Ctrl+C or a runner timeout: Playwright runs this teardown, and process exit covers the rest.
  const cleanUp = () => removeLabNamespaces(prefix);
  process.once('exit', cleanUp);
  return cleanUp;
}
