// GETs http://TARGET (HOST:PORT/path) through wasi:http/outgoing-handler and reports
// `<status> <x-seen header> <body>`, or `error <error-code>` when the host refused or failed it:
// printed by `run TARGET` (a refusal fails the command), answered for `?to=TARGET` by the handler.
import { handle } from 'wasi:http/outgoing-handler@0.2.12';
import { Fields, OutgoingBody, OutgoingRequest, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.12';
import { getArguments } from 'wasi:cli/environment@0.2.12';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function readAll(stream) {
  const chunks = [];
  for (;;) {
    try {
      chunks.push(decoder.decode(stream.blockingRead(65536n)));
    } catch (err) {
      if (err.payload?.tag === 'closed') return chunks.join('');
      throw err;
    }
  }
}

function get(target) {
  const url = new URL(`http://${target}`);
  const request = new OutgoingRequest(Fields.fromList([['x-from', encoder.encode('guest')]]));
  request.setScheme({ tag: 'HTTP' });
  request.setAuthority(url.host);
  request.setPathWithQuery(`${url.pathname}${url.search}`);
  let future;
  try {
    future = handle(request, undefined);
  } catch (err) {
    return { ok: false, text: `error ${err.payload?.tag ?? err}` };
  }
  future.subscribe().block();
  const outcome = future.get().val;
  if (outcome.tag === 'err') return { ok: false, text: `error ${outcome.val.tag}` };
  const response = outcome.val;
  const seen = response
    .headers()
    .get('x-seen')
    .map((v) => decoder.decode(v))
    .join(',');
  return { ok: true, text: `${response.status()} ${seen} ${readAll(response.consume().stream())}` };
}

export const run = {
  run() {
    const result = get(getArguments()[1]);
    console.log(result.text);
    if (!result.ok) throw new Error(result.text);
  },
};

export const incomingHandler = {
  handle(request, responseOut) {
    const to = new URL(request.pathWithQuery(), 'http://guest').searchParams.get('to');
    const result = get(to);
    const response = new OutgoingResponse(new Fields());
    response.setStatusCode(result.ok ? 200 : 502);
    const body = response.body();
    const out = body.write();
    out.blockingWriteAndFlush(encoder.encode(result.text));
    out[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
    ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  },
};
