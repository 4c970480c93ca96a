// Answers `hello <name>` from the query, echoes the method, a header and the body it was sent;
// /trap traps, /spin never answers (the gateway's timeout), /teapot sets its own status.
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.12';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function readBody(request) {
  const stream = request.consume().stream();
  const chunks = [];
  for (;;) {
    try {
      chunks.push(decoder.decode(stream.blockingRead(65536n)));
    } catch (err) {
      if (err.payload?.tag === 'closed') break;
      throw err;
    }
  }
  return chunks.join('');
}

export const incomingHandler = {
  handle(request, responseOut) {
    const url = new URL(request.pathWithQuery(), 'http://guest');
    if (url.pathname.endsWith('/trap')) throw new Error('asked to trap');
    if (url.pathname.endsWith('/spin')) for (;;);
    const agent = request.headers().get('x-agent').map((v) => decoder.decode(v)).join(',');
    const text = `hello ${url.searchParams.get('name') ?? 'nobody'} (${request.method().tag} ${url.pathname}, agent ${agent || 'none'}, body ${readBody(request) || 'none'})\n`;
    const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain')], ['x-guest', encoder.encode('js')]]));
    response.setStatusCode(url.pathname.endsWith('/teapot') ? 418 : 200);
    const body = response.body();
    const out = body.write();
    out.blockingWriteAndFlush(encoder.encode(text));
    out[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
    ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  },
};
