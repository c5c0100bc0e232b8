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
/** The parts main/ starts may not import it: [where, import, the rule's message]. */
const offMain: Array<[string, string, RegExp]> = [
  [
    'signaling/server/example.ts',
    "import { HostingService } from '../../main/hosting-service';",
    /signaling\/ must not import main/,
  ],
  ['signaling/cli/example.ts', "import { startApp } from '../../main/main';", /signaling\/ must not import main/],
  [
    'signaling/protocol/example.ts',
    "import type { Settings } from '../../main/settings-store';",
    /signaling\/ must not import main/,
  ],
  [
    'signaling/relay/example.ts',
    "import { utilityProcessRelay } from '../../main/relay-process';",
    /signaling\/relay\/ must not import main/,
  ],
  ['preload/example.ts', "import { invokeChannels } from '../main/ipc-handlers';", /preload\/ must not import main/],
];
/** What those parts do import, which the new rules must leave alone. */
const onMain: Array<[string, string]> = [
  ['signaling/relay/example.ts', "import { parseRelayClientMessage } from '../protocol';"],
  ['signaling/server/example.ts', "import { Relay } from '../relay/relay';"],
  ['preload/example.ts', "import { err } from '../signaling/protocol/result';"],
];

let results: string[][] = [];
beforeAll(() => {
  const snippets = [
    ...refused.map(([code]) => ({ filePath: 'renderer/views/example.tsx', code })),
    ...allowed.map((code) => ({ filePath: 'renderer/views/example.tsx', code })),
    ...others,
    ...offMain.map(([filePath, code]) => ({ filePath, code })),
    ...onMain.map(([filePath, code]) => ({ filePath, code })),
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

describe('parts main/ starts do not import main/', () => {
  const first = refused.length + allowed.length + others.length;
  it.each(offMain.map(([filePath, code, message], index) => [filePath, code, message, first + index] as const))(
    'refuses in %s: %s',
    (_filePath, _code, message, index) => {
      expect(results[index]).toHaveLength(1);
      expect(results[index]?.[0]).toMatch(message);
    },
  );

  it.each(onMain.map(([filePath, code], index) => [filePath, code, first + offMain.length + index] as const))(
    'allows in %s: %s',
    (_filePath, _code, index) => {
      expect(results[index]).toEqual([]);
    },
  );
});
