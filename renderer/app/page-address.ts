// Secrets in the page's own address (the host page's #k=/#lk=, a join link's #t=/#k=) leave the
// address bar and the history as soon as the page has read them: history.replaceState drops the
// fragment. The page keeps it for this tab only, in sessionStorage, so a reload (of the host page,
// above all) still works; closing the tab forgets it.

/** The parts of the page's address the app reads, with the fragment as it first came. */
export interface PageAddress {
  readonly href: string;
  readonly pathname: string;
  readonly hash: string;
  readonly hostname: string;
  readonly port: string;
  readonly protocol: string;
}

type PageWindow = Pick<Window, 'location' | 'history'> & { readonly sessionStorage?: Storage };

const STORAGE_PREFIX = 'wdh-fragment:';
const SECRET_FIELDS = /(^#|&)(t|k|lk)=/;

function storage(win: PageWindow): Storage | null {
  try {
    return win.sessionStorage ?? null;
  } catch {
    return null; // storage switched off: the fragment is kept in memory only
  }
}

/** Reads the page's address once, moving any secret fragment out of the address bar and history. */
export function takePageAddress(win: PageWindow = window): PageAddress {
  const { location } = win;
  const key = STORAGE_PREFIX + location.pathname;
  let hash = location.hash;
  if (SECRET_FIELDS.test(hash)) {
    storage(win)?.setItem(key, hash);
    win.history.replaceState(win.history.state, '', location.pathname + location.search);
  } else if (hash === '') {
    hash = storage(win)?.getItem(key) ?? '';
  }
  const base = location.href.replace(/#.*$/, '');
  return {
    href: base + hash,
    pathname: location.pathname,
    hash,
    hostname: location.hostname,
    port: location.port,
    protocol: location.protocol,
  };
}
