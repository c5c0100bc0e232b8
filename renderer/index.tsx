// Placeholder until the Host and Join views land (issue 3): shows which view a
// route opens, so the routes served by the signaling server can be checked.
import { render } from 'preact';

function viewFor(path: string): 'host' | 'join' {
  return path === '/host' ? 'host' : 'join';
}

function App({ view }: { view: 'host' | 'join' }) {
  return (
    <section aria-label={view === 'host' ? 'Host' : 'Join'}>
      <h1>WebRTC Desktop Host</h1>
      <p>{view === 'host' ? 'The Host view is coming soon.' : 'The Join view is coming soon.'}</p>
    </section>
  );
}

const root = document.getElementById('app');
if (root) render(<App view={viewFor(location.pathname)} />, root);
