// The release scripts' common ending: their errors (bad flags, a failing tool) print as
// one plain message with the usage line and exit 1, without a stack trace.
export function cliMain(usage, main) {
  try {
    main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(1);
  }
}
