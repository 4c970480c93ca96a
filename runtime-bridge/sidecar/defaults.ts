/** Layotto's default gRPC port, on loopback: a sidecar is not exposed unless asked to be. */
export const DEFAULT_LISTEN = '127.0.0.1:34904';
