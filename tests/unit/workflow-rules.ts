// The release pipeline's safety rules, as checks over a workflow's text (jobs at two
// spaces, their keys at four, steps at six, as our workflows are written). Each rule
// returns what breaks it, one line per finding; tests/unit/workflows.test.ts runs them on
// .github/workflows and shows each one catching a bad snippet.

export interface WorkflowJob {
  readonly name: string;
  readonly text: string;
  /** The job-level `env:` block. */
  readonly env: string;
  readonly steps: readonly string[];
}

/** Secrets that sign builds in the make jobs (not publishing credentials). */
const BUILD_SIGNING_SECRET = /^(APPLE_|MACOS_|WINDOWS_)/;
/** Secrets holding a signing key: a release must not quietly go without them. */
const SIGNING_KEY_SECRET = /secrets\.(MACOS_CERTIFICATE|WINDOWS_CERTIFICATE|RELEASE_GPG_KEY)\b/;
/** An expression handing a credential's value over (a `secrets.X != ''` test hands over nothing). */
const CREDENTIAL_VALUE = /\$\{\{\s*(secrets\.\w+|github\.token)\s*(\|\|[^}]*)?\}\}/;

const block = (text: string, key: string, indent: number): string => {
  const pad = ' '.repeat(indent);
  return new RegExp(`^${pad}${key}:\\n((?:${pad}  .*\\n|\\s*\\n)+)`, 'm').exec(text)?.[1] ?? '';
};

export function workflowJobs(workflow: string): WorkflowJob[] {
  const jobs = workflow.slice(workflow.search(/^jobs:\n/m));
  const starts = [...jobs.matchAll(/^ {2}([\w-]+):\n/gm)];
  return starts.map((match, i) => {
    const text = jobs.slice(match.index, starts[i + 1]?.index ?? jobs.length);
    const steps = block(text, 'steps', 4)
      .split(/^ {6}- /m)
      .slice(1)
      .map((step) => `- ${step}`);
    return { name: match[1] ?? '', text, env: block(text, 'env', 4), steps };
  });
}

const writes = (job: WorkflowJob): boolean => /:\s*write\b/.test(block(job.text, 'permissions', 4));
const passedSecrets = (text: string): string[] =>
  [...text.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)].map((match) => match[1] ?? '');
const holdsCredentials = (job: WorkflowJob): boolean => writes(job) || /secrets\.\w+/.test(job.text);
const stepName = (job: WorkflowJob, step: string): string =>
  `${job.name}: ${(/^- (?:name|uses|run): (.*)$/m.exec(step)?.[1] ?? step.split('\n')[0] ?? '').trim()}`;

/** A job that can write or holds secrets runs no npm install scripts (they could read or keep them). */
export function installScriptsWithCredentials(workflow: string): string[] {
  return workflowJobs(workflow)
    .filter(holdsCredentials)
    .flatMap((job) =>
      job.steps
        .filter((step) => /\bnpm (ci|install|i|add)\b(?![^\n]*--ignore-scripts)/.test(step))
        .map((step) => `${stepName(job, step)}: npm install scripts run in a job holding credentials`),
    );
}

/** Credentials reach single steps: never the workflow's or a job's env. */
export function credentialsAboveStepLevel(workflow: string): string[] {
  const found = block(workflow, 'env', 0)
    .split('\n')
    .filter((line) => CREDENTIAL_VALUE.test(line))
    .map((line) => `workflow env: ${line.trim()}`);
  for (const job of workflowJobs(workflow))
    for (const line of job.env.split('\n'))
      if (CREDENTIAL_VALUE.test(line)) found.push(`${job.name} env: ${line.trim()}`);
  return found;
}

/** actions/checkout leaves the token in .git/config unless told not to. */
export function checkoutKeepsCredentials(workflow: string): string[] {
  return workflowJobs(workflow).flatMap((job) =>
    job.steps
      .filter((step) => /uses: actions\/checkout@/.test(step) && !/^\s+persist-credentials: false$/m.test(step))
      .map((step) => `${stepName(job, step)}: checkout without persist-credentials: false`),
  );
}

/** Publishing (write access, or a credential other than the build-signing ones) waits for the release environment. */
export function publishingOutsideReleaseEnvironment(workflow: string): string[] {
  return workflowJobs(workflow)
    .filter((job) => writes(job) || passedSecrets(job.text).some((name) => !BUILD_SIGNING_SECRET.test(name)))
    .filter((job) => !/^ {4}environment: release\s*$/m.test(job.text))
    .map((job) => `${job.name}: publishes outside the release environment`);
}

/**
 * The package-manager manifests are filled from the files the build made, and those are
 * compared with what was uploaded: `--artifacts` must not come from `gh release download`.
 */
export function checksumsReadBackFromRelease(workflow: string): string[] {
  return workflowJobs(workflow).flatMap((job) => {
    const artifacts = /release:manifests\b.*--artifacts (\S+)/.exec(job.text)?.[1];
    if (!artifacts) return [];
    const found: string[] = [];
    const downloads = [...job.text.matchAll(/gh release download [^\n]*--dir (\S+)/g)].map((match) => match[1]);
    if (downloads.includes(artifacts))
      found.push(`${job.name}: manifests filled from files read back from the release`);
    if (!downloads.some((dir) => dir !== artifacts) || !/sha256sum --check/.test(job.text))
      found.push(`${job.name}: the made files are not compared with the uploaded ones`);
    return found;
  });
}

/** A missing signing key fails the release unless it is explicitly an unsigned test release. */
export function releasesWithoutSigning(workflow: string): string[] {
  const found: string[] = [];
  if (!SIGNING_KEY_SECRET.test(workflow)) return found;
  if (!/^ {2}UNSIGNED_TEST_RELEASE: /m.test(block(workflow, 'env', 0)))
    found.push('workflow env: no UNSIGNED_TEST_RELEASE saying which releases may go unsigned');
  for (const job of workflowJobs(workflow)) {
    const guard = job.steps.findIndex((step) => /UNSIGNED_TEST_RELEASE/.test(step) && /exit 1/.test(step));
    job.steps.forEach((step, i) => {
      if (!SIGNING_KEY_SECRET.test(step)) return;
      if (/exit 0/.test(step) && !/UNSIGNED_TEST_RELEASE/.test(step))
        found.push(`${stepName(job, step)}: skips signing quietly when the key is missing`);
      if (/^\s+if: /m.test(step) && (guard === -1 || guard > i))
        found.push(`${stepName(job, step)}: skipped without the key, and nothing before it fails the release`);
    });
  }
  return found;
}

export const RELEASE_RULES = {
  installScriptsWithCredentials,
  credentialsAboveStepLevel,
  checkoutKeepsCredentials,
  publishingOutsideReleaseEnvironment,
  checksumsReadBackFromRelease,
  releasesWithoutSigning,
} as const;
