// Comparing a received MAC with the expected one without the time taken showing where they differ.

/** True when both strings are equal; the time depends only on `expected`'s length. */
export function equalInConstantTime(expected: string, received: string): boolean {
  let difference = expected.length ^ received.length;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ received.charCodeAt(i);
  return difference === 0;
}
