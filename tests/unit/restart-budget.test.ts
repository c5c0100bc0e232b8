import { RestartBudget } from '../../renderer/host/restart-budget';

test('allows `limit` restarts within the window and refuses the next one', () => {
  const budget = new RestartBudget(3, 60_000);
  expect([0, 1_000, 2_000].map((at) => budget.take(at))).toEqual([true, true, true]);
  expect(budget.take(59_999)).toBe(false);
});

test('a restart leaves the window after windowMs and frees its place', () => {
  const budget = new RestartBudget(2, 10_000);
  expect(budget.take(0)).toBe(true);
  expect(budget.take(5_000)).toBe(true);
  expect(budget.take(9_999)).toBe(false);
  expect(budget.take(10_000)).toBe(true); // the first one has left the window
  expect(budget.take(14_999)).toBe(false); // the second one is still in it
  expect(budget.take(15_000)).toBe(true);
});

test('refused attempts do not count against later ones', () => {
  const budget = new RestartBudget(1, 1_000);
  expect(budget.take(0)).toBe(true);
  for (let at = 1; at < 1_000; at += 100) expect(budget.take(at)).toBe(false);
  expect(budget.take(1_000)).toBe(true);
});
