// What the bench injects into the host and viewer pages before the app runs
// (context.addInitScript). It only watches: WebSocket and RTCPeerConnection are
// subclassed to timestamp what passes through them, and on a viewer page a click
// on the Join button starts polling the <video aria-label="Shared screen"> every
// 5 ms for its first decoded frame. Every time is epoch milliseconds
// (performance.timeOrigin + performance.now()), so the host's and the viewers'
// pages, in two browser processes, and this Node process share one clock.
// Plain JavaScript in a string: nothing the bundler could rewrite reaches the page.

/** One timestamped thing seen in a page: [what, epoch ms, detail]. */
export type ProbeEvent = [string, number, string | null];

export interface PeerRecord {
  readonly index: number;
  readonly created: number;
  readonly closed: number | null;
  readonly events: ProbeEvent[];
}

export interface ProbeSnapshot {
  /** First time each mark was seen. */
  readonly marks: Record<string, number>;
  /** Signaling traffic and video events in order (capped). */
  readonly events: ProbeEvent[];
  readonly peers: PeerRecord[];
  /** requestVideoFrameCallback's first call after the click, with its metadata as epoch ms. */
  readonly rvfc: {
    at: number;
    presentationTime: number;
    expectedDisplayTime: number;
    receiveTime: number | null;
    width: number;
    height: number;
    presentedFrames: number;
  } | null;
  readonly captures: { constraints: string; width: number | null; height: number | null; frameRate: number | null }[];
}

/** The video element at one instant (viewer pages). */
export interface VideoSample {
  readonly at: number;
  readonly width: number;
  readonly height: number;
  readonly totalFrames: number;
  readonly droppedFrames: number;
  /** From getStats inbound-rtp video of the newest open peer connection. */
  readonly framesDecoded: number | null;
  readonly framesDropped: number | null;
  readonly decoder: string | null;
  readonly codec: string | null;
  /** inbound-rtp counters: what arrived and what the receiver had to ask for again. */
  readonly inbound: {
    framesReceived: number;
    packetsReceived: number;
    packetsLost: number;
    nackCount: number;
    pliCount: number;
    freezeCount: number;
  } | null;
}

/** One open peer connection's outbound video (host pages). */
export interface SendSample {
  readonly index: number;
  readonly at: number;
  readonly framesEncoded: number;
  /** media-source frames: what the capture delivered to this sender. */
  readonly sourceFrames: number | null;
  readonly keyFramesEncoded: number;
  readonly totalEncodeTime: number;
  readonly frameWidth: number | null;
  readonly frameHeight: number | null;
  readonly qualityLimitationReason: string | null;
  readonly qualityLimitationDurations: Record<string, number>;
  readonly encoder: string | null;
  readonly codec: string | null;
  readonly localCandidateType: string | null;
  /** "host udp 127.0.0.1": what the selected candidate pair's remote end is. */
  readonly remoteCandidate: string | null;
}

export interface ProbeOptions {
  /**
   * An experiment, off by default: put this video codec (e.g. "VP8") first whenever the
   * page calls setCodecPreferences, to compare with the app's own order.
   */
  readonly preferCodec?: string;
  /**
   * An experiment, off by default: remove the app's x-google-start-bitrate from every answer
   * this page applies (the host, as offerer), so the sender starts at libwebrtc's 300 kbit/s
   * as it did before the app set a start rate.
   */
  readonly stripStartBitrate?: boolean;
  /**
   * An experiment, off by default: RTCRtpSender.setParameters does nothing (the app's sender settings are never
   * applied).
   */
  readonly skipSetParameters?: boolean;
}

export const probeScript = (options: ProbeOptions = {}) => String.raw`(() => {
  if (window.__bench) return;
  const options = ${JSON.stringify(options)};
  const now = () => performance.timeOrigin + performance.now();
  const MAX_EVENTS = 3000;
  const marks = {};
  const events = [];
  const peers = [];
  const captures = [];
  const state = { rvfc: null, polling: false };
  const mark = (name, detail) => {
    const at = now();
    if (!(name in marks)) marks[name] = at;
    if (events.length < MAX_EVENTS) events.push([name, at, detail === undefined ? null : detail]);
    return at;
  };

  // ---- signaling: what kind of message went by ----
  const kindOf = (text) => {
    try {
      const m = JSON.parse(text);
      if (m.type !== 'signal') return m.type;
      const d = m.data || {};
      if (d.sdp) return 'signal-' + d.sdp.type;
      if (d.candidate) return 'signal-candidate';
      if (d.rejoin) return 'signal-rejoin';
      if (d.control) return 'signal-control';
      return 'signal-other';
    } catch (e) {
      return 'unparsed';
    }
  };
  const BaseSocket = window.WebSocket;
  window.WebSocket = class extends BaseSocket {
    constructor(...args) {
      super(...args);
      mark('ws-create');
      this.addEventListener('open', () => mark('ws-open'));
      this.addEventListener('close', (e) => mark('ws-close', String(e.code)));
      this.addEventListener('message', (e) => { if (typeof e.data === 'string') mark('in:' + kindOf(e.data)); });
    }
    send(data) {
      if (typeof data === 'string') mark('out:' + kindOf(data));
      return super.send(data);
    }
  };

  // ---- peer connections ----
  const open = [];
  const BasePeer = window.RTCPeerConnection;
  if (BasePeer) {
    window.RTCPeerConnection = class extends BasePeer {
      constructor(...args) {
        super(...args);
        const record = { index: peers.length, created: now(), closed: null, events: [] };
        peers.push(record);
        open.push({ pc: this, record });
        const m = (name, detail) => { if (record.events.length < MAX_EVENTS) record.events.push([name, now(), detail === undefined ? null : detail]); };
        this.__benchMark = m;
        this.addEventListener('negotiationneeded', () => m('negotiationneeded'));
        this.addEventListener('track', (e) => m('track', e.track.kind));
        this.addEventListener('icecandidate', (e) => m('local-candidate', e.candidate ? e.candidate.candidate : null));
        this.addEventListener('icegatheringstatechange', () => m('gathering-' + this.iceGatheringState));
        this.addEventListener('iceconnectionstatechange', () => m('ice-' + this.iceConnectionState));
        this.addEventListener('connectionstatechange', () => {
          m('pc-' + this.connectionState);
          if (this.connectionState === 'connected') watchFirstFrame(this, m);
        });
      }
      async createOffer(...args) { this.__benchMark('createOffer-start'); const r = await super.createOffer(...args); this.__benchMark('createOffer-end'); return r; }
      async createAnswer(...args) { this.__benchMark('createAnswer-start'); const r = await super.createAnswer(...args); this.__benchMark('createAnswer-end'); return r; }
      async setLocalDescription(...args) {
        const type = args[0] && args[0].type ? args[0].type : 'implicit';
        this.__benchMark('setLocal-' + type + '-start');
        const r = await super.setLocalDescription(...args);
        this.__benchMark('setLocal-' + type + '-end');
        return r;
      }
      async setRemoteDescription(...args) {
        const type = args[0] && args[0].type ? args[0].type : 'unknown';
        if (type === 'answer' && options.stripStartBitrate && typeof args[0].sdp === 'string') {
          args[0] = { type: 'answer', sdp: withoutStartBitrate(args[0].sdp) };
        }
        this.__benchMark('setRemote-' + type + '-start');
        const r = await super.setRemoteDescription(...args);
        this.__benchMark('setRemote-' + type + '-end');
        if (type === 'answer') watchFirstFrame(this, this.__benchMark);
        return r;
      }
      async addIceCandidate(...args) {
        const c = args[0] && args[0].candidate ? args[0].candidate : '';
        this.__benchMark('remote-candidate', c);
        return super.addIceCandidate(...args);
      }
      close() {
        const entry = open.find((o) => o.pc === this);
        if (entry && entry.record.closed === null) entry.record.closed = now();
        return super.close();
      }
    };
  }

  function withoutStartBitrate(sdp) {
    return sdp
      .split('\r\n')
      .filter((line) => !/^a=fmtp:\d+ x-google-start-bitrate=\d+$/.test(line))
      .map((line) => line.replace(/;x-google-start-bitrate=\d+/, ''))
      .join('\r\n');
  }


  // Until the first frame goes through (or 10 s): getStats every 10 ms for the first
  // video frame encoded / received / decoded on this connection.
  const watched = new WeakSet();
  // getStats period while a connection waits for its first frame; 0 (the default): no
  // polling, as it costs CPU on a 2-core box. Set by the bench (setStatsPoll) for traced joins.
  let pollMs = 0;
  function watchFirstFrame(pc, m) {
    if (pollMs <= 0 || watched.has(pc)) return;
    watched.add(pc);
    const until = now() + 10000;
    const seen = {};
    const once = (name, ok, detail) => { if (ok && !seen[name]) { seen[name] = true; m(name, detail); } };
    const tick = async () => {
      if (pc.signalingState === 'closed' || now() > until) return;
      try {
        const report = await pc.getStats();
        let pair = null;
        let sourceFrames = null;
        report.forEach((s) => {
          if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s;
          if (s.type === 'media-source' && s.kind === 'video') sourceFrames = s.frames ?? null;
        });
        report.forEach((s) => {
          if (s.kind !== 'video') return;
          if (s.type === 'outbound-rtp') {
            const detail = JSON.stringify({
              packetsSent: s.packetsSent, bytesSent: s.bytesSent, framesEncoded: s.framesEncoded, framesSent: s.framesSent,
              keyFramesEncoded: s.keyFramesEncoded, targetBitrate: s.targetBitrate, sourceFrames,
              availableOutgoingBitrate: pair ? pair.availableOutgoingBitrate : null, frameWidth: s.frameWidth,
            });
            once('first-packet-sent', s.packetsSent > 0, detail);
            once('first-frame-encoded', s.framesEncoded > 0, detail);
            once('first-frame-sent', s.framesSent > 0, detail);
          } else if (s.type === 'inbound-rtp') {
            const detail = JSON.stringify({ packetsReceived: s.packetsReceived, bytesReceived: s.bytesReceived, framesReceived: s.framesReceived, framesDecoded: s.framesDecoded });
            once('first-packet-received', s.packetsReceived > 0, detail);
            once('first-frame-received', s.framesReceived > 0, detail);
            once('first-frame-decoded', s.framesDecoded > 0, detail);
          }
        });
      } catch (e) { return; }
      if (seen['first-frame-sent'] || seen['first-frame-decoded']) return;
      setTimeout(tick, pollMs);
    };
    tick();
  }

  if (options.preferCodec && window.RTCRtpTransceiver && RTCRtpTransceiver.prototype.setCodecPreferences) {
    const setCodecPreferences = RTCRtpTransceiver.prototype.setCodecPreferences;
    const preferred = 'video/' + options.preferCodec.toLowerCase();
    RTCRtpTransceiver.prototype.setCodecPreferences = function (codecs) {
      const list = Array.from(codecs);
      const first = list.filter((c) => c.mimeType.toLowerCase() === preferred);
      return setCodecPreferences.call(this, first.concat(list.filter((c) => c.mimeType.toLowerCase() !== preferred)));
    };
  }

  if (options.skipSetParameters && window.RTCRtpSender) {
    RTCRtpSender.prototype.setParameters = function () { mark('setParameters-skipped'); return Promise.resolve(); };
  }

  // ---- screen capture (host pages) ----
  const devices = navigator.mediaDevices;
  if (devices && devices.getDisplayMedia) {
    const getDisplayMedia = devices.getDisplayMedia.bind(devices);
    devices.getDisplayMedia = async (...args) => {
      mark('getDisplayMedia-start');
      const stream = await getDisplayMedia(...args);
      mark('getDisplayMedia-end');
      captures.push({ stream, constraints: JSON.stringify(args[0] || null) });
      return stream;
    };
  }

  // ---- the first decoded frame (viewer pages) ----
  const VIDEO = 'video[aria-label="Shared screen"]';
  const watchVideo = (video) => {
    for (const type of ['loadedmetadata', 'loadeddata', 'resize', 'playing']) video.addEventListener(type, () => mark('video-' + type));
    if (typeof video.requestVideoFrameCallback === 'function') {
      video.requestVideoFrameCallback((at, meta) => {
        const t0 = performance.timeOrigin;
        state.rvfc = {
          at: t0 + at,
          presentationTime: t0 + meta.presentationTime,
          expectedDisplayTime: t0 + meta.expectedDisplayTime,
          receiveTime: typeof meta.receiveTime === 'number' ? t0 + meta.receiveTime : null,
          width: meta.width,
          height: meta.height,
          presentedFrames: meta.presentedFrames,
        };
      });
    }
  };
  const poll = (started) => {
    const video = document.querySelector(VIDEO);
    if (video) {
      if (!('video-element' in marks)) { mark('video-element'); watchVideo(video); }
      if (video.srcObject && !('video-srcObject' in marks)) mark('video-srcObject');
      if (video.videoWidth > 0 && !('video-width' in marks)) mark('video-width', video.videoWidth + 'x' + video.videoHeight);
      if (video.getVideoPlaybackQuality().totalVideoFrames > 0 && !('video-frames' in marks)) mark('video-frames');
    }
    if (('video-width' in marks && 'video-frames' in marks) || now() - started > 20000) { state.polling = false; return; }
    setTimeout(() => poll(started), 5);
  };
  document.addEventListener('click', (e) => {
    const button = e.target && e.target.closest ? e.target.closest('button[type=submit]') : null;
    if (!button || !/Join/.test(button.textContent || '')) return;
    mark('click');
    if (!state.polling) { state.polling = true; poll(now()); }
  }, true);

  // ---- read by the bench ----
  const newestOpen = () => { for (let i = open.length - 1; i >= 0; i--) if (open[i].pc.signalingState !== 'closed') return open[i]; return null; };
  const bench = {
    snapshot() {
      return {
        marks: { ...marks },
        events: events.slice(),
        peers: peers.map((p) => ({ index: p.index, created: p.created, closed: p.closed, events: p.events.slice() })),
        rvfc: state.rvfc,
        captures: captures.map(({ stream, constraints }) => {
          const s = stream.getVideoTracks()[0] ? stream.getVideoTracks()[0].getSettings() : {};
          return { constraints, width: s.width ?? null, height: s.height ?? null, frameRate: s.frameRate ?? null };
        }),
      };
    },
    setStatsPoll(ms) { pollMs = ms; },
    firstFrameSeen() { return 'video-width' in marks && 'video-frames' in marks; },
    // Linked to a viewer (it has applied an answer): the host's pre-negotiated spare does not count.
    openPeers() { return open.filter((o) => o.pc.signalingState !== 'closed' && o.pc.remoteDescription).length; },
    async sampleVideo() {
      const video = document.querySelector(VIDEO);
      const q = video ? video.getVideoPlaybackQuality() : null;
      const sample = {
        at: now(),
        width: video ? video.videoWidth : 0,
        height: video ? video.videoHeight : 0,
        totalFrames: q ? q.totalVideoFrames : 0,
        droppedFrames: q ? q.droppedVideoFrames : 0,
        framesDecoded: null, framesDropped: null, decoder: null, codec: null, inbound: null,
      };
      const entry = newestOpen();
      if (entry) {
        const report = await entry.pc.getStats();
        report.forEach((s) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
          sample.framesDecoded = s.framesDecoded ?? null;
          sample.framesDropped = s.framesDropped ?? null;
          sample.inbound = { framesReceived: s.framesReceived ?? 0, packetsReceived: s.packetsReceived ?? 0, packetsLost: s.packetsLost ?? 0, nackCount: s.nackCount ?? 0, pliCount: s.pliCount ?? 0, freezeCount: s.freezeCount ?? 0 };
          sample.decoder = s.decoderImplementation ?? null;
          const codec = s.codecId ? report.get(s.codecId) : null;
          sample.codec = codec ? codec.mimeType : null;
        });
      }
      return sample;
    },
    async sampleSenders() {
      const out = [];
      for (const { pc, record } of open) {
        if (pc.signalingState === 'closed') continue;
        const report = await pc.getStats();
        const at = now();
        let pair = null;
        let sourceFrames = null;
        report.forEach((s) => {
          if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId) || null;
          if (s.type === 'media-source' && s.kind === 'video') sourceFrames = s.frames ?? null;
        });
        const local = pair ? report.get(pair.localCandidateId) : null;
        const remote = pair ? report.get(pair.remoteCandidateId) : null;
        report.forEach((s) => {
          if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
          const codec = s.codecId ? report.get(s.codecId) : null;
          out.push({
            index: record.index, at,
            framesEncoded: s.framesEncoded || 0,
            sourceFrames,
            keyFramesEncoded: s.keyFramesEncoded || 0,
            totalEncodeTime: s.totalEncodeTime || 0,
            frameWidth: s.frameWidth ?? null,
            frameHeight: s.frameHeight ?? null,
            qualityLimitationReason: s.qualityLimitationReason ?? null,
            qualityLimitationDurations: s.qualityLimitationDurations || {},
            encoder: s.encoderImplementation ?? null,
            codec: codec ? codec.mimeType : null,
            localCandidateType: local ? local.candidateType : null,
            remoteCandidate: remote ? [remote.candidateType, remote.protocol, remote.address || remote.ip || '(address hidden)'].join(' ') : null,
          });
        });
      }
      return out;
    },
  };
  Object.defineProperty(window, '__bench', { value: bench });
})();`;
