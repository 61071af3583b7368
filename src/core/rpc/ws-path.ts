/** Where the studio's WebSocket transport listens (a module of its own: the CLI needs only this). */
export const WS_PATH = '/_studio/ws';
