/**
 * A pub/sub component's metadata as Layotto's (Dapr's redis streams) reads it: durations as
 * milliseconds or Go durations ("60s", "1m30s"), counts as numbers or decimal strings.
 */
import { z } from 'zod';
import { WasmctlError, describeIssue } from '../../../common/index.js';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

const Duration = z.union([z.number().min(0), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number' || /^\d+$/.test(value)) return Number(value);
  if (!GO_DURATION.test(value)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (milliseconds, or e.g. 500ms, 60s, 1m30s)` });
    return z.NEVER;
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * (UNIT_MS[unit ?? 'ms'] ?? 1);
  return Math.round(total);
});
const Count = z.coerce.number().int().min(1);

const PubSubOptionsSchema = z.looseObject({
  /** The consumer group: one per subscribing app (Layotto defaults it to the app id). */
  consumerID: z.string().optional(),
  /** A message delivered this long ago and not acknowledged is delivered again (0: never). */
  processingTimeout: Duration.default(60_000),
  /** How often such messages are looked for (0: never). */
  redeliverInterval: Duration.default(15_000),
  /** Messages handled at once per subscription: what bounds a slow subscriber's share of memory. */
  concurrency: Count.default(10),
  maxLenApprox: z.coerce.number().int().min(1).optional(),
});
export type PubSubOptions = z.infer<typeof PubSubOptionsSchema>;

export function pubsubOptions(component: string, metadata: Record<string, unknown> | undefined): PubSubOptions {
  const parsed = PubSubOptionsSchema.safeParse(metadata ?? {});
  if (!parsed.success) throw new WasmctlError('InvalidArgument', `pub/sub ${component}: bad metadata${describeIssue(parsed.error)}`);
  return parsed.data;
}
