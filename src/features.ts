/**
 * Every feature that runs in the background or answers HTTP, in one list: each feature folder's
 * `feature.ts` registers its own webhooks and jobs (docs/architecture.md §3).
 */
import type { Feature } from './feature.js';
import { listening } from './listening/feature.js';
import { publishing } from './publishing/feature.js';
import { performance } from './publishing/performance/feature.js';
import { reporting } from './reporting/feature.js';
import { search } from './search/feature.js';
import { housekeeping } from './workspace/feature.js';

export type { AppParts, Feature } from './feature.js';

export const features: readonly Feature[] = [publishing, performance, listening, reporting, search, housekeeping];
