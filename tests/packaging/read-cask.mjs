// Parses a Homebrew cask with Prism (Ruby's own parser, built to WebAssembly, from
// @ruby/prism; no Ruby needed) and lists the stanzas inside `cask "..." do ... end`.
// Run as a child process (an ES module using WASI). Usage:
//   node --disable-warning=ExperimentalWarning read-cask.mjs FILE
// Prints one JSON line: { errors: [message], token: string | null, stanzas: [{ name, source }] }.
import { readFileSync } from 'node:fs';
import { loadPrism } from '@ruby/prism';

const source = readFileSync(process.argv[2], 'utf8');
const bytes = Buffer.from(source, 'utf8');
const text = (node) =>
  bytes.subarray(node.location.startOffset, node.location.startOffset + node.location.length).toString('utf8');
const parse = await loadPrism();
const result = parse(source);
const report = { errors: result.errors.map((error) => error.message), token: null, stanzas: [] };
const cask = result.value.statements.body.find((node) => node.constructor.name === 'CallNode' && node.name === 'cask');
if (cask) {
  const [token] = cask.arguments_?.arguments_ ?? [];
  report.token = token?.constructor.name === 'StringNode' ? text(token).slice(1, -1) : null;
  for (const node of cask.block?.body?.body ?? []) {
    if (node.constructor.name === 'CallNode') report.stanzas.push({ name: node.name, source: text(node) });
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
