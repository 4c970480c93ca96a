import { kindOfGrpcCode, WasmctlError } from '../../common/index.js';

export function errorFromStatus(method: string, code: number, message: string): WasmctlError {
  return new WasmctlError(kindOfGrpcCode(code), `${method}: ${message || `gRPC status ${code}`}`);
}
