// Keyframe requests from viewers, merged into few requests to the publisher.
import { KeyframeRequests } from '../../signaling/relay/keyframe-requests';

function setup(interval = 350) {
  const asked: number[] = [];
  let now = 0;
  const requests = new KeyframeRequests(() => asked.push(now), interval);
  return { requests, asked, at: (t: number) => (now = t) };
}

it('asks the publisher at once for the first viewer that needs a keyframe', () => {
  const { requests, asked } = setup();
  expect(requests.want('a', 0)).toBe(true);
  expect(asked).toEqual([0]);
});

it('merges requests from many viewers within one interval into one', () => {
  const { requests, asked, at } = setup();
  for (const [i, viewer] of ['a', 'b', 'c', 'd'].entries()) requests.want(viewer, at(i * 50));
  expect(asked).toEqual([0]);
  expect(requests.pending).toBe(4);
});

it('asks again every interval, and only then, until each waiting viewer was sent a keyframe', () => {
  const { requests, asked, at } = setup();
  requests.want('a', at(0));
  requests.want('b', at(10));
  for (let t = 0; t <= 1_000; t += 50) requests.tick(at(t));
  expect(asked).toEqual([0, 350, 700]);
  requests.delivered('a');
  requests.tick(at(1_050));
  expect(asked).toEqual([0, 350, 700, 1_050]); // b still waits
  requests.delivered('b');
  for (let t = 1_100; t <= 3_000; t += 50) requests.tick(at(t));
  expect(asked).toHaveLength(4);
  expect(requests.pending).toBe(0);
});

it('stops asking for a viewer that left', () => {
  const { requests, asked, at } = setup();
  requests.want('gone', at(0));
  requests.forget('gone');
  requests.tick(at(1_000));
  expect(asked).toEqual([0]);
  expect(requests.isWaiting('gone')).toBe(false);
});

it('a keyframe storm of PLIs from one viewer costs one request per interval', () => {
  const { requests, asked, at } = setup();
  for (let t = 0; t < 1_000; t += 5) requests.want('lossy', at(t));
  expect(asked).toEqual([0, 350, 700]);
});
