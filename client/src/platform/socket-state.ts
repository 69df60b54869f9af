/** Ready states, as in the WebSocket standard. */
export const SocketState = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const
export type SocketState = (typeof SocketState)[keyof typeof SocketState]
