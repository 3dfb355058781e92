/**
 * Which goal judges a channel, and which channels and days a plan's targets apply to.
 * A plan speaks for the channels of its budget split during its own dates (or from the day it
 * was created, when it has none): a report outside them shows no goals rather than judging
 * September by a plan made in November (docs/reports.md, "Goals").
 */
import type { Plan } from '@prisma/client';
import { type DateRange, intersect } from '../../lib/periods.js';
import { normalizeChannel } from '../channel-names.js';
import type { Totals } from '../kpi.js';

/** How a channel is judged: awareness by CPM and reach, leads by CPL, sales by ROAS and CPA. */
export type Judged = 'awareness' | 'leads' | 'sales';

/** Plan goals (Plan.goal) as the figure family that judges them. */
export function judgedBy(goal: string): Judged | undefined {
  switch (goal) {
    case 'awareness':
    case 'engagement':
      return 'awareness';
    case 'leads':
      return 'leads';
    case 'sales':
    case 'retention':
      return 'sales';
    default:
      return undefined;
  }
}

/** Without a plan saying so, what a channel's own figures show it is for. */
export function judgedByData(t: Totals): Judged {
  if (t.revenueMinor > 0) return 'sales';
  if (t.leads > 0) return 'leads';
  return 'awareness';
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The plan's own days: its dates, or from its creation on when it has none. */
export function planDays(p: Plan): DateRange {
  const from = p.startsOn ? day(p.startsOn) : day(p.createdAt);
  const to = p.endsOn && p.endsOn >= (p.startsOn ?? p.createdAt) ? day(p.endsOn) : '9999-12-31';
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from, to, days };
}

/** The channels a plan budgets for (normalised); empty when its split names none. */
export function planChannels(p: Plan): string[] {
  const split = Array.isArray(p.budgetSplit) ? p.budgetSplit : [];
  const names = split.flatMap((x) =>
    x && typeof x === 'object' && 'channel' in x && typeof x.channel === 'string' ? [normalizeChannel(x.channel)] : [],
  );
  return [...new Set(names)];
}

export type GoalScope =
  | { ok: true; range: DateRange; channels: string[] }
  | { ok: false; why: 'dates'; planRange: DateRange }
  | { ok: false; why: 'channel'; channels: string[] };

/**
 * The days and channels of a report a plan's targets apply to. `channel` is the report's channel
 * filter: a plan that does not budget for it has nothing to say about it.
 */
export function goalScope(p: Plan, range: DateRange, channel: string | undefined): GoalScope {
  const own = planDays(p);
  const days = intersect(range, own);
  if (!days) return { ok: false, why: 'dates', planRange: own };
  const channels = planChannels(p);
  if (channel && channels.length > 0 && !channels.includes(channel)) return { ok: false, why: 'channel', channels };
  return { ok: true, range: days, channels: channel ? [channel] : channels };
}
