// The server's error codes as the host reads them.
export function hostErrorWords(code: string, serverMessage: string): string {
  switch (code) {
    case 'bad-key':
      return 'This page is not allowed to host: open the host link printed when the server started (it ends in #k=…), on the same computer.';
    case 'host-taken':
      return 'Another host page is already connected to this server. Close it, then click Start hosting here.';
    case 'bad-message':
      return `The server refused a message from this page (${serverMessage}). Reload the page.`;
    default:
      return `The server reported a problem: ${serverMessage}`;
  }
}
