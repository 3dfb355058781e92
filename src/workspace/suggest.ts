/**
 * Option suggestions from the database (Discord autocomplete): a command declares
 * `opt.string({ ..., suggest: suggestPersonas })` and the adapters offer the workspace's names.
 */
import type { Suggest } from '../core/options.js';

const LIMIT = 25;

export const suggestPersonas: Suggest = async (typed, ctx) =>
  (
    await ctx.services.db.persona.findMany({
      where: { workspaceId: ctx.workspace.id, ...(typed ? { name: { contains: typed } } : {}) },
      select: { name: true },
      orderBy: { name: 'asc' },
      take: LIMIT,
    })
  ).map((p) => p.name);

export const suggestCampaigns: Suggest = async (typed, ctx) =>
  (
    await ctx.services.db.campaign.findMany({
      where: { workspaceId: ctx.workspace.id, ...(typed ? { name: { contains: typed } } : {}) },
      select: { name: true },
      orderBy: { updatedAt: 'desc' },
      take: LIMIT,
    })
  ).map((c) => c.name);
