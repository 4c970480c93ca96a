/** wasi:http/types and wasi:http/outgoing-handler as jco's glue asks for them: both sides, one set of resources. */
import type { CallHost } from '../../worker/host-channel.cjs';
import { FutureIncomingResponse, IncomingResponse, OutgoingRequest, outgoingHandler, RequestOptions } from './outgoing.cjs';
import { Fields, FutureTrailers, IncomingBody, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam } from './types.cjs';

export function httpInterfaces(callHost: CallHost) {
  return {
    'wasi:http/types': {
      Fields,
      FutureTrailers,
      IncomingBody,
      IncomingRequest,
      OutgoingBody,
      OutgoingResponse,
      ResponseOutparam,
      OutgoingRequest,
      RequestOptions,
      IncomingResponse,
      FutureIncomingResponse,
      // Stream errors here are never HTTP errors: the bodies are in memory.
      httpErrorCode: (): undefined => undefined,
    },
    'wasi:http/outgoing-handler': outgoingHandler(callHost),
  };
}
