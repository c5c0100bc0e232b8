import { parseClientMessage } from '../../signaling/protocol';

it('parses a viewer hello', () => {
  const result = parseClientMessage(JSON.stringify({ type: 'hello', role: 'viewer', token: 'x'.repeat(43), name: ' Ann ', protocol: 1 }));
  expect(result).toEqual({ ok: true, value: { type: 'hello', role: 'viewer', token: 'x'.repeat(43), name: 'Ann', protocol: 1 } });
});
