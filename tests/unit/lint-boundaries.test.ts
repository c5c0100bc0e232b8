// The boundary rules only help if they fire: lint small sources placed in renderer/
// and signaling/protocol/ with the real config and check which imports are refused.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const refused: Array<[string, RegExp]> = [
  ["import { app } from '../main/main';", /must not import main/],
  ["import '../preload/preload';", /preload internals/],
  ["import { SignalingServer } from '../signaling/server';", /only signaling\/protocol/],
  ["import { parseServeArgs } from '../signaling/cli/serve-args';", /only signaling\/protocol/],
  ["import { ipcRenderer } from 'electron';", /no Node or Electron/],
  ["import { readFileSync } from 'node:fs';", /no Node or Electron/],
  ["import { readFileSync } from 'fs';", /no Node or Electron/],
];
const allowed = [
  "import { parseServerMessage } from '../signaling/protocol';",
  "import type { DesktopApi } from '../preload/api-types';",
  "import { render } from 'preact';",
];
const others: Array<{ filePath: string; code: string }> = [
  { filePath: 'main/example.ts', code: "import { SignalingServer } from '../signaling/server';" },
  { filePath: 'signaling/protocol/example.ts', code: "import { randomBytes } from 'node:crypto';" },
];

let results: string[][] = [];
beforeAll(() => {
  const snippets = [
    ...refused.map(([code]) => ({ filePath: 'renderer/views/example.tsx', code })),
    ...allowed.map((code) => ({ filePath: 'renderer/views/example.tsx', code })),
    ...others,
  ];
  const root = join(__dirname, '../..');
  const output = execFileSync(process.execPath, [join(root, 'tests/support/lint-snippets.mjs')], {
    cwd: root,
    input: JSON.stringify(snippets),
  });
  results = JSON.parse(output.toString()) as string[][];
}, 60_000);

describe('renderer import boundary', () => {
  it.each(refused.map(([code, message], index) => [code, message, index] as const))(
    'refuses %s',
    (_code, message, index) => {
      expect(results[index]).toHaveLength(1);
      expect(results[index]?.[0]).toMatch(message);
    },
  );

  it.each(allowed.map((code, index) => [code, refused.length + index] as const))('allows %s', (_code, index) => {
    expect(results[index]).toEqual([]);
  });

  it('does not restrict the main process', () => {
    expect(results[refused.length + allowed.length]).toEqual([]);
  });
});

describe('protocol module stays browser-safe', () => {
  it('refuses Node imports in signaling/protocol', () => {
    expect(results[refused.length + allowed.length + 1]).toHaveLength(1);
  });
});
