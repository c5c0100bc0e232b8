// What every benchmark does at the end: a human summary of the targets on stderr,
// the one JSON object as the last stdout line, and an exit code that reports a broken
// bench (1) but never a missed target (0).

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The closing lines of the summary, then the JSON line. */
export function finishReport(
  report: object & { durationS?: unknown },
  targets: Record<string, boolean | null>,
  errors: readonly string[],
): void {
  for (const [name, ok] of Object.entries(targets))
    log(`  target ${name}: ${ok === null ? 'not measured' : ok ? 'met' : 'MISSED'}`);
  for (const error of errors) log(`  error: ${error}`);
  log(`  took ${report.durationS} s`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs a benchmark's main; a crash still ends in one JSON line naming the errors. */
export function runBench(main: () => Promise<number>, errors: readonly string[]): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stdout.write(`${JSON.stringify({ errors: [...errors, describeError(error)] })}\n`);
      process.exit(1);
    },
  );
}
