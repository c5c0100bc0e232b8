// A real man in the middle for the malicious relay: a browser page that answers the
// host's offer as if it were the viewer, and offers the viewer the host's tracks as if
// it were the host. Two DTLS sessions, its own certificates; the media really flows
// through it. This is the attack the link key and the safety code exist for.
import type { Page } from '@playwright/test';
import type { RelayedViewer, SignalData, Tamper } from '../../support/malicious-relay';

const ATTACKER_SCRIPT = `(() => {
  let fromHostPc = null, toViewerPc = null, link = null, queue = Promise.resolve();
  const run = (task) => { queue = queue.then(task).catch((error) => console.error('mitm', error)); };
  window.mitmFromHost = (data) => run(async () => {
    if (data.sdp && data.sdp.type === 'offer') {
      link = data.link;
      if (!fromHostPc) {
        fromHostPc = new RTCPeerConnection();
        fromHostPc.onicecandidate = (e) => e.candidate && window.mitmToHost({ candidate: e.candidate.toJSON(), link });
      }
      await fromHostPc.setRemoteDescription(data.sdp);
      const answer = await fromHostPc.createAnswer();
      await fromHostPc.setLocalDescription(answer);
      window.mitmToHost({ sdp: { type: answer.type, sdp: answer.sdp }, link });
      if (!toViewerPc) {
        toViewerPc = new RTCPeerConnection();
        toViewerPc.onicecandidate = (e) => e.candidate && window.mitmToViewer({ candidate: e.candidate.toJSON(), link });
        const stream = new MediaStream();
        for (const receiver of fromHostPc.getReceivers()) toViewerPc.addTrack(receiver.track, stream);
        const offer = await toViewerPc.createOffer();
        await toViewerPc.setLocalDescription(offer);
        window.mitmToViewer({ sdp: { type: offer.type, sdp: offer.sdp }, link });
      }
    } else if (data.candidate && fromHostPc) {
      await fromHostPc.addIceCandidate(data.candidate).catch(() => undefined);
    }
  });
  window.mitmFromViewer = (data) => run(async () => {
    if (!toViewerPc) return;
    if (data.sdp && data.sdp.type === 'answer') await toViewerPc.setRemoteDescription(data.sdp);
    else if (data.candidate) await toViewerPc.addIceCandidate(data.candidate).catch(() => undefined);
  });
})();`;

/**
 * The attacker's page and the relay behaviour that routes every offer, answer and
 * candidate of one viewer through it; other signals (tickets, pause) pass unchanged.
 */
export async function manInTheMiddle(page: Page): Promise<Tamper> {
  let viewer: RelayedViewer | null = null;
  await page.exposeFunction('mitmToHost', (data: SignalData) => viewer?.toHost(data));
  await page.exposeFunction('mitmToViewer', (data: SignalData) => viewer?.toViewer(data));
  await page.evaluate(ATTACKER_SCRIPT);
  const isMedia = (data: SignalData) => data.sdp !== undefined || data.candidate !== undefined;
  // In order: an answer must not overtake the offer it answers.
  let chain = Promise.resolve();
  const forward = (fn: 'mitmFromHost' | 'mitmFromViewer', data: SignalData) => {
    chain = chain
      .then(() =>
        page.evaluate(
          ([name, payload]) => (window as unknown as Record<string, (d: unknown) => void>)[name]!(payload),
          [fn, data] as const,
        ),
      )
      .catch(() => undefined);
  };
  return {
    fromHost: (data, relayed) => {
      viewer = relayed;
      if (isMedia(data)) forward('mitmFromHost', data);
      else relayed.toViewer(data);
    },
    fromViewer: (data, relayed) => {
      viewer = relayed;
      if (isMedia(data)) forward('mitmFromViewer', data);
      else relayed.toHost(data);
    },
  };
}
