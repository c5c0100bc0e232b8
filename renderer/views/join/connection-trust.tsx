// The viewer's view of the join's security: verified or not, the safety code to
// compare with the host, and a warning when tampered messages were refused.
import type { JoinSecurity } from '../../app/app-state';
import { refusedWords, trustExplanation, trustLabel } from '../security-words';

export function ConnectionTrust({ security }: { readonly security: JoinSecurity }) {
  const label = trustLabel(security.verified);
  if (label === null || security.verified === null) return null;
  const refused = refusedWords(security.refusedSignals);
  return (
    <div class="connection-trust" aria-label="Connection security">
      <p>
        <span class={security.verified ? 'badge badge-verified' : 'badge badge-unverified'}>{label}</span>{' '}
        <span class="field-note">{trustExplanation(security.verified)}</span>
      </p>
      {security.safetyCode && (
        <p>
          Safety code <strong class="mono safety-code">{security.safetyCode}</strong>{' '}
          <span class="field-note">the host sees the same code next to your name</span>
        </p>
      )}
      {refused && (
        <p class="notice" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}
