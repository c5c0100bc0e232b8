// Rejoin tickets without sending them: a returning viewer names its ticket by a one-way handle in
// its `hello` and proves it holds the ticket with an HMAC bound to its new viewer id, so neither a
// sniffed `hello` nor a sniffed proof admits another socket (a proof is good for one id only).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from './base64url';
import { equalInConstantTime } from './constant-time';

const HANDLE_LABEL = 'wdh-rejoin-handle/1\n';
const PROOF_LABEL = 'wdh-rejoin-proof/1\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** What the viewer's `hello.rejoin` carries: 32 lowercase hex characters, SHA-256 of the ticket, cut. */
export function rejoinHandle(ticket: string): string {
  const digest = sha256(utf8(HANDLE_LABEL + ticket));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The proof sent as `{"returning": PROOF}` under the new id: base64url HMAC-SHA256(ticket, label + id). */
export function rejoinProof(ticket: string, viewerId: string): string {
  return toBase64Url(hmac(sha256, utf8(ticket), utf8(PROOF_LABEL + viewerId)));
}

/** Whether `proof` is the right one for this ticket and id (constant time). */
export function rejoinProofMatches(ticket: string, viewerId: string, proof: unknown): boolean {
  return typeof proof === 'string' && equalInConstantTime(rejoinProof(ticket, viewerId), proof);
}
