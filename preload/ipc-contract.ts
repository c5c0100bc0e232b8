// The one IPC contract between main and the renderer: every channel name, the schema
// its request must pass (checked in the preload and again in main), and its response
// type (taken from DesktopApi, so the two cannot drift). No channel string lives
// anywhere else.
import * as z from 'zod/mini';
import { hostingStatuses, WAITING_VIEWERS_MAX } from '../signaling/protocol/app-constants';
import { ID_MAX, MAX_VIEWERS_LIMIT } from '../signaling/protocol/messages';
import { NAME_MAX_CHARS } from '../signaling/protocol/names';
import type { DesktopApi, HostingReport, RendererError } from './api-types';

/** The request/response methods of DesktopApi (subscriptions are events, below). */
export type InvokeMethod = {
  [M in keyof DesktopApi]: ReturnType<DesktopApi[M]> extends Promise<unknown> ? M : never;
}[keyof DesktopApi];
export type RequestOf<M extends InvokeMethod> = Parameters<DesktopApi[M]> extends [infer A] ? A : undefined;
export type ResponseOf<M extends InvokeMethod> = Awaited<ReturnType<DesktopApi[M]>>;

interface InvokeSpec<Request> {
  readonly channel: string;
  readonly request: z.ZodMiniType<Request>;
}

/** Longest join link we read: real ones are ~80 characters. */
export const JOIN_LINK_MAX = 2048;

const noArguments = z.undefined();
// Privileged ports need root on Linux and macOS: never worth asking for.
export const hostingPort = z.union([z.literal(0), z.int().check(z.minimum(1024), z.maximum(65535))]);
// desktopCapturer ids look like `screen:0:0` or `window:94371842:0`.
const sourceId = z.string().check(z.maxLength(256), z.regex(/^(screen|window):[\w:-]+$/));

export { WAITING_VIEWERS_MAX };
const viewerId = z.string().check(z.minLength(1), z.maxLength(ID_MAX));
const viewerCount = z.int().check(z.minimum(0), z.maximum(MAX_VIEWERS_LIMIT));
// Names are sanitized to 64 code points by the protocol: at most two UTF-16 units each.
const waitingViewer = z.strictObject({
  id: viewerId,
  name: z.string().check(z.minLength(1), z.maxLength(NAME_MAX_CHARS * 2)),
});
export const hostingReport: z.ZodMiniType<HostingReport> = z
  .strictObject({
    status: z.enum(hostingStatuses),
    watching: viewerCount,
    waiting: viewerCount,
    waitingViewers: z.array(waitingViewer).check(z.maxLength(WAITING_VIEWERS_MAX)),
  })
  .check(
    z.refine((report) => report.waitingViewers.length <= report.waiting, 'more waiting viewers listed than counted'),
  );

/** A second of 1080p WebM is well under 2 MB; more in one chunk is not ours. */
export const RECORDING_CHUNK_MAX_BYTES = 16 * 1024 * 1024;
const recordingId = z.string().check(z.regex(/^[0-9a-f]{32}$/));
// What the renderer suggests is only a name: no folders, no other extension.
const recordingName = z.string().check(z.maxLength(128), z.regex(/^[\w.-]+\.webm$/));
const recordingBytes = z
  .instanceof(Uint8Array)
  .check(z.refine((bytes) => bytes.byteLength <= RECORDING_CHUNK_MAX_BYTES, 'recording chunk too large'));

/** Bounds of a renderer error report: enough for a message and a stack, not for flooding the log. */
export const RENDERER_ERROR_LIMITS = { message: 2000, source: JOIN_LINK_MAX, stack: 8000 } as const;
export const rendererError: z.ZodMiniType<RendererError> = z.strictObject({
  kind: z.enum(['error', 'unhandledrejection']),
  message: z.string().check(z.maxLength(RENDERER_ERROR_LIMITS.message)),
  source: z.optional(z.string().check(z.maxLength(RENDERER_ERROR_LIMITS.source))),
  stack: z.optional(z.string().check(z.maxLength(RENDERER_ERROR_LIMITS.stack))),
});

export const invokeChannels = {
  startHosting: { channel: 'hosting:start', request: noArguments },
  stopHosting: { channel: 'hosting:stop', request: noArguments },
  getHostingPort: { channel: 'hosting:get-port', request: noArguments },
  setHostingPort: { channel: 'hosting:set-port', request: z.strictObject({ port: hostingPort }) },
  listSources: { channel: 'capture:list-sources', request: noArguments },
  chooseSource: { channel: 'capture:choose-source', request: z.strictObject({ sourceId, systemAudio: z.boolean() }) },
  systemAudioSupport: { channel: 'capture:system-audio-support', request: noArguments },
  readClipboardJoinLink: { channel: 'join:read-clipboard', request: noArguments },
  reportHostingState: { channel: 'hosting:report-state', request: hostingReport },
  openRecording: { channel: 'recording:open', request: z.strictObject({ suggestedName: recordingName }) },
  writeRecording: { channel: 'recording:write', request: z.strictObject({ recordingId, bytes: recordingBytes }) },
  closeRecording: { channel: 'recording:close', request: z.strictObject({ recordingId }) },
  reportRendererError: { channel: 'app:report-error', request: rendererError },
} as const satisfies { readonly [M in InvokeMethod]: InvokeSpec<RequestOf<M>> };

/** Main -> renderer messages, each delivered to one DesktopApi subscription. */
export const eventChannels = {
  joinLink: { channel: 'join:link', payload: z.string().check(z.maxLength(JOIN_LINK_MAX)) },
  viewerDecision: {
    channel: 'hosting:viewer-decision',
    payload: z.strictObject({ id: viewerId, decision: z.enum(['admit', 'deny']) }),
  },
  stopHostingRequest: { channel: 'hosting:stop-request', payload: z.null() },
} as const;

export type EventName = keyof typeof eventChannels;
export type PayloadOf<E extends EventName> = z.infer<(typeof eventChannels)[E]['payload']>;
