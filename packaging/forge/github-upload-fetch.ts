// The fetch the GitHub publisher's Octokit uses. @electron-forge/publisher-github 7.x
// sets a numeric content-length header on every asset upload, which current Node
// fetch (undici) rejects with "invalid content-length header" (the same bug hit
// semantic-release/github#1224). fetch computes the length from the body itself, so
// the header is dropped. The packaging test uploads through this to a local server.
type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

export function withoutContentLength(headers: FetchInit['headers']): FetchInit['headers'] {
  if (headers === undefined || headers instanceof Headers || Array.isArray(headers)) {
    const copy = new Headers(headers);
    copy.delete('content-length');
    return copy;
  }
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
}

export const githubUploadFetch: typeof fetch = (input, init) =>
  fetch(input, init && { ...init, headers: withoutContentLength(init.headers) });
