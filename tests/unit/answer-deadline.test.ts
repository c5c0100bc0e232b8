// Offers that get no answer time out (issue 14 item 9): the clock starts at each offer and stops
// at an answer, so a man in the middle cannot hold an answer back while he searches for
// certificates with a matching safety code.
import { ANSWER_DEADLINE_MS, AnswerDeadline } from '../../renderer/host/answer-deadline';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const OFFER = { sdp: { type: 'offer', sdp: 'v=0' }, link: 'a' };
const ANSWER = { sdp: { type: 'answer', sdp: 'v=0' }, link: 'a' };

it('drops a viewer that leaves an offer unanswered for 20 s', () => {
  const missed = jest.fn();
  const deadline = new AnswerDeadline(missed);
  expect(ANSWER_DEADLINE_MS).toBe(20_000);
  deadline.sent('v1', OFFER);
  jest.advanceTimersByTime(19_999);
  expect(missed).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(missed).toHaveBeenCalledWith('v1');
});

it('stops the clock at the answer, and only at an answer', () => {
  const missed = jest.fn();
  const deadline = new AnswerDeadline(missed, 1_000);
  deadline.sent('v1', OFFER);
  deadline.received('v1', { candidate: { candidate: 'c' } });
  deadline.sent('v1', { rejoin: 'ticket' });
  deadline.received('v1', ANSWER);
  jest.advanceTimersByTime(5_000);
  expect(missed).not.toHaveBeenCalled();
});

it('starts again at each offer (an ICE restart) and keeps viewers apart', () => {
  const missed = jest.fn();
  const deadline = new AnswerDeadline(missed, 1_000);
  deadline.sent('v1', OFFER);
  deadline.sent('v2', OFFER);
  jest.advanceTimersByTime(600);
  deadline.sent('v1', OFFER);
  deadline.received('v2', ANSWER);
  jest.advanceTimersByTime(600);
  expect(missed).not.toHaveBeenCalled();
  jest.advanceTimersByTime(400);
  expect(missed.mock.calls).toEqual([['v1']]);
});

it('forgets viewers that are gone, and everything on clear', () => {
  const missed = jest.fn();
  const deadline = new AnswerDeadline(missed, 1_000);
  deadline.sent('v1', OFFER);
  deadline.sent('v2', OFFER);
  deadline.forget('v1');
  deadline.sent('v3', OFFER);
  deadline.clear();
  jest.advanceTimersByTime(5_000);
  expect(missed).not.toHaveBeenCalled();
});
