import { parseServeArgs } from '../../signaling/cli/serve-args';
import { DEFAULT_HOSTING_PORT } from '../../signaling/protocol/hosting-defaults';

describe('parseServeArgs', () => {
  it('has sensible defaults', () => {
    expect(parseServeArgs([])).toEqual({
      ok: true,
      value: {
        port: DEFAULT_HOSTING_PORT,
        bind: undefined,
        autoAdmit: false,
        maxViewers: 16,
        json: false,
        help: false,
      },
    });
  });

  it('reads every flag', () => {
    expect(parseServeArgs(['--port', '0', '--bind', '::1', '--auto-admit', '--max-viewers', '4', '--json'])).toEqual({
      ok: true,
      value: { port: 0, bind: '::1', autoAdmit: true, maxViewers: 4, json: true, help: false },
    });
  });

  it.each([
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--port', '-1'], /port/],
    [['--port', '80.5'], /whole number/],
    [['--port', 'abc'], /whole number/],
    [['--port'], /argument missing|--port/],
    [['--max-viewers', '0'], /between 1 and 1000/],
    [['--bind', 'my-laptop'], /IP address/],
    [['--bind', '999.1.1.1'], /IP address/],
    [['--colour'], /Unknown option '--colour'/],
    [['stray'], /positional argument/],
  ])('rejects %j with a clear reason', (argv, reason) => {
    const result = parseServeArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });
});
