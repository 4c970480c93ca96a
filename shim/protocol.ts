/**
 * The shim's two ttrpc services as tables over the message types generated from proto/ at build
 * time (scripts/gen-proto.mjs): the Task service it serves and containerd's Events service it
 * calls. The tables type the handlers (TaskApi) and the client calls.
 */
import { containerd, google } from './gen/containerd.js';
import { encodeMessage, type Encodable, type Implementation, type MessageCodec } from './ttrpc/index.js';

const v2 = containerd.task.v2;
const Empty = google.protobuf.Empty;

export const TASK_SERVICE = {
  name: 'containerd.task.v2.Task',
  methods: {
    State: [v2.StateRequest, v2.StateResponse],
    Create: [v2.CreateTaskRequest, v2.CreateTaskResponse],
    Start: [v2.StartRequest, v2.StartResponse],
    Delete: [v2.DeleteRequest, v2.DeleteResponse],
    Pids: [v2.PidsRequest, v2.PidsResponse],
    Pause: [v2.PauseRequest, Empty],
    Resume: [v2.ResumeRequest, Empty],
    Checkpoint: [v2.CheckpointTaskRequest, Empty],
    Kill: [v2.KillRequest, Empty],
    Exec: [v2.ExecProcessRequest, Empty],
    ResizePty: [v2.ResizePtyRequest, Empty],
    CloseIO: [v2.CloseIORequest, Empty],
    Update: [v2.UpdateTaskRequest, Empty],
    Wait: [v2.WaitRequest, v2.WaitResponse],
    Stats: [v2.StatsRequest, v2.StatsResponse],
    Connect: [v2.ConnectRequest, v2.ConnectResponse],
    Shutdown: [v2.ShutdownRequest, Empty],
  },
} as const;

/** containerd.task.v2.Task as a TypeScript interface: what a task service implements. */
export type TaskApi = Implementation<typeof TASK_SERVICE.methods>;

export const EVENTS_SERVICE = {
  name: 'containerd.services.events.ttrpc.v1.Events',
  methods: { Forward: [containerd.services.events.ttrpc.v1.ForwardRequest, Empty] },
} as const;

export type Timestamp = google.protobuf.Timestamp.$Properties;
export type AnyMessage = google.protobuf.Any.$Properties;

export function timestampOf(date: Date): Timestamp {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** containerd's Any.type_url is the bare message name (typeurl), without a type.googleapis.com/ prefix. */
export function anyOf<T extends MessageCodec>(typeName: string, type: T, value: Encodable<T>): AnyMessage {
  return { type_url: typeName, value: encodeMessage(type, value) };
}
