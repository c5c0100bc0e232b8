// Types of release-notes.mjs for the tests that import it (the scripts are plain JavaScript so that they run
// with Node alone).
export declare function changelogSection(changelog: string, version: string): string;
