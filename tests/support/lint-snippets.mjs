// Lints source snippets as if they sat at given paths, with the project's real
// ESLint config. Runs as its own process: ESLint loads eslint.config.mjs through a
// dynamic import, which jest's module sandbox does not allow.
// stdin: [{ filePath, code }]   stdout: [[message of each no-restricted-imports error]]
import { ESLint } from 'eslint';

const snippets = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
process.stdout.write(JSON.stringify(results));
