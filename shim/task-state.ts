/**
 * A task's lifecycle as runwasi's task_state.rs draws it: created → starting → running → exited →
 * deleting, each move checked here and nowhere else. An illegal move answers FailedPrecondition
 * (a kill after the exit answers NotFound, as runc's shim does: the process is gone).
 */
import { WasmctlError } from '../common/index.js';

export type TaskStatus = 'created' | 'starting' | 'running' | 'exited' | 'deleting';

/** containerd.task.v2.Status as State reports it: starting is still CREATED, deleting STOPPED. */
export const STATUS_CODES: Record<TaskStatus, number> = { created: 1, starting: 1, running: 2, exited: 3, deleting: 3 };

export class TaskState {
  private current: TaskStatus = 'created';

  constructor(private readonly id: string) {}

  get status(): TaskStatus {
    return this.current;
  }

  private refuse(action: string): never {
    throw new WasmctlError('FailedPrecondition', `task ${this.id} is ${this.current}: cannot ${action}`);
  }

  start(): void {
    if (this.current !== 'created') this.refuse('start it');
    this.current = 'starting';
  }

  started(): void {
    if (this.current === 'starting') this.current = 'running';
  }

  /** A start that failed leaves the task as it was, so it can still be deleted. */
  startFailed(): void {
    if (this.current === 'starting') this.current = 'created';
  }

  kill(): void {
    if (this.current === 'exited' || this.current === 'deleting') {
      throw new WasmctlError('NotFound', `task ${this.id}: process already finished`);
    }
  }

  /** The process ended (or a created task was killed): whatever it was doing. Idempotent. */
  exited(): void {
    if (this.current !== 'deleting') this.current = 'exited';
  }

  /** A created task may be deleted unstarted (it counts as killed); a live one must be killed first. */
  delete(): void {
    if (this.current === 'starting' || this.current === 'running') {
      throw new WasmctlError('FailedPrecondition', `task ${this.id} is running; kill it first`);
    }
    if (this.current === 'deleting') this.refuse('delete it again');
    this.current = 'deleting';
  }
}
