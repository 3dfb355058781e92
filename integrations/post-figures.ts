/**
 * A network's figures for single posts the bot published, read back for "best time to post"
 * (src/publishing/performance/). `impressions` is what the network counts as a view of the post
 * (Meta replaced impressions with views in 2025; YouTube counts video views) and `engagements` the
 * interactions on it; the engagement rate is their ratio. A post the network has no figures for yet
 * (too new, too few viewers, deleted) is left out of the answer, not answered with zeros.
 */
export interface PostFigures {
  impressions: number;
  engagements: number;
}
