export { SignalingServer, type HostingInfo } from './signaling-server';
export { SignalingError, type SignalingErrorCode } from './signaling-error';
export type { SignalingServerOptions } from './options';
export type { RoomSnapshot } from './room';
