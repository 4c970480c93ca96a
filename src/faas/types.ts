/** What a function sees of an HTTP request, after Layotto's rule: no body → the query string. */
export interface FunctionRequest {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface FunctionResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One warm instance of a function module; serves one request at a time. */
export interface FunctionInstance {
  /** The id the module registered through proxy_get_id (call-data buffer), if any. */
  readonly moduleId: string | undefined;
  handle(request: FunctionRequest): Promise<FunctionResponse>;
  close(): Promise<void>;
}

/** Makes warm instances of one module; the pool calls it to grow and to replace a broken one. */
export type InstanceFactory = () => Promise<FunctionInstance>;
