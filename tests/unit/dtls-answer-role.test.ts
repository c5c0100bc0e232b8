import { answerAsDtlsServer } from '../../renderer/viewer/dtls-answer-role';

const answer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=setup:active',
  'a=mid:0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=setup:active',
  'a=mid:1',
  '',
];

test('every section of the answer says passive, line endings kept', () => {
  const crlf = answerAsDtlsServer(answer.join('\r\n'));
  expect(crlf.match(/^a=setup:passive\r$/gm)).toHaveLength(2);
  expect(crlf).not.toContain('a=setup:active');
  expect(crlf.replace(/a=setup:passive/g, 'a=setup:active')).toBe(answer.join('\r\n'));
  expect(answerAsDtlsServer(answer.join('\n')).match(/^a=setup:passive$/gm)).toHaveLength(2);
});

test('an answer that is already passive, or mentions active elsewhere, is left alone', () => {
  const passive = answer.join('\r\n').replace(/active/g, 'passive');
  expect(answerAsDtlsServer(passive)).toBe(passive);
  const other = 'a=x-note:setup:active\r\na=setup:activex\r\n';
  expect(answerAsDtlsServer(other)).toBe(other);
});
