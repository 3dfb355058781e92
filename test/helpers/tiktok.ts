/** The TikTok creators the TikTok tests share on the fake, and a tiny valid MP4 header. */
import type { FakeTiktok } from '../fakes/tiktok.js';

export const TT_USER = 'coldbrewco';
export const TT_TOKEN = 'act.tiktok-token-full-123';
export const TT_NO_PUBLISH_TOKEN = 'act.tiktok-token-basic-456';
export const TT_PRIVATE_TOKEN = 'act.tiktok-token-unaudited-789';
/** An `ftyp` box, which is how an MP4 or MOV file starts. */
export const MP4 = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('isommp42')]);

export function seedTiktok(tt: FakeTiktok): void {
  const creator = { openId: 'open-ColdBrew-1', username: TT_USER, name: 'Cold Brew Co' };
  tt.addToken(TT_TOKEN, creator, ['user.info.basic', 'video.publish']);
  tt.addToken(TT_NO_PUBLISH_TOKEN, creator, ['user.info.basic']);
  // An app not yet audited by TikTok may post only privately.
  tt.addToken(TT_PRIVATE_TOKEN, { ...creator, privacy: ['SELF_ONLY'] }, ['user.info.basic', 'video.publish']);
}
