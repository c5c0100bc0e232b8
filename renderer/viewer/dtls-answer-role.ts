// The viewer answers as the DTLS server (a=setup:passive), so the side that sends the
// media — the host page, or the app's relay — is the DTLS client. With the relay (werift)
// as the server, Chrome's first ClientHello often arrived before werift's ICE was up and
// was lost, and Chrome resent it only after its 1 s timer: a second added to every join.
// An offer must say actpass (RFC 8842 §5.2), which leaves the choice to the answer.

/** The answer with every `a=setup:active` turned into `a=setup:passive`; other lines unchanged. */
export function answerAsDtlsServer(sdp: string): string {
  return sdp.replace(/^a=setup:active(\r?)$/gm, 'a=setup:passive$1');
}
