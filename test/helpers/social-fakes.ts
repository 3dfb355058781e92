/**
 * The fake Graph API and YouTube with one brand on each (a Facebook Page, an Instagram account, a
 * YouTube channel), started once per file and emptied after each test: the setup the listening tests
 * share. Tokens differ per file so a leak between files would show as a refused token.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { FakeYoutube } from '../fakes/youtube.js';

export const PAGE = '111';
export const IG = '178414';
export const CHANNEL = 'UCabc';

export interface SocialFakes {
  meta: FakeMetaGraph;
  yt: FakeYoutube;
  tokens: { page: string; ig: string; yt: string };
  /** The variables that point the app at the fakes. */
  env(): Record<string, string>;
  /** `/connect` lines for the three accounts. */
  connectLines(): string[];
}

class Fakes implements SocialFakes {
  // Started in the file's beforeAll, before any test reads them.
  meta!: FakeMetaGraph;
  yt!: FakeYoutube;
  readonly tokens: SocialFakes['tokens'];

  constructor(tag: string) {
    this.tokens = { page: `EAAGpage-token-${tag}`, ig: `EAAGig-token-${tag}`, yt: `ya29.youtube-token-${tag}` };
  }

  env(): Record<string, string> {
    return { META_GRAPH_URL: this.meta.url, YOUTUBE_API_URL: this.yt.url };
  }

  connectLines(): string[] {
    return [
      `/connect facebook account:${PAGE} token:${this.tokens.page}`,
      `/connect instagram account:${IG} token:${this.tokens.ig}`,
      `/connect youtube account:${CHANNEL} token:${this.tokens.yt}`,
    ];
  }
}

export function useSocialFakes(tag: string): SocialFakes {
  const fakes = new Fakes(tag);
  beforeAll(async () => {
    fakes.meta = await new FakeMetaGraph().start();
    fakes.yt = await new FakeYoutube().start();
  });
  afterAll(async () => {
    await Promise.all([fakes.meta.close(), fakes.yt.close()]);
  });
  beforeEach(() => {
    fakes.meta.addPage(PAGE, fakes.tokens.page, 'Cold Brew Co');
    fakes.meta.addInstagram(IG, fakes.tokens.ig, 'coldbrewco');
    fakes.yt.addChannel(CHANNEL, fakes.tokens.yt, 'Cold Brew TV');
  });
  afterEach(() => {
    fakes.meta.server.clearScripts();
    fakes.yt.server.clearScripts();
    fakes.meta.comments.length = 0;
    fakes.meta.posts.length = 0;
    fakes.meta.media.length = 0;
    fakes.meta.pageSize = 100;
    fakes.yt.comments.length = 0;
    fakes.yt.pageSize = 100;
    fakes.yt.dailyUnits = 10_000;
    fakes.yt.unitsByDay.clear();
    fakes.yt.callsByKind.clear();
    fakes.yt.threadListings.channel = 0;
    fakes.yt.threadListings.video = 0;
  });
  return fakes;
}
