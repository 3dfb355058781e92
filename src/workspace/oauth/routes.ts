/**
 * The Connect button's two addresses on the shared HTTP server, one pair per network with an OAuth
 * spec: `GET /oauth/<network>/start` (on to the network's authorization page) and
 * `GET /oauth/<network>/callback` (where the network sends the person back). The server logs the
 * path only, never the query, which carries the state and the code.
 */
import { providersWith } from '../../../integrations/provider.js';
import { PROVIDERS } from '../../../integrations/registry.js';
import type { HttpResponse, HttpServer } from '../../http/server.js';
import type { OAuthConnectService, OAuthPage } from './connect.js';
import { m } from './messages.js';

/** Nothing here may be cached or leak its address (the state, the code) to another site. */
const PRIVATE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

export function registerOAuthRoutes(http: HttpServer, oauth: OAuthConnectService): void {
  for (const p of providersWith(PROVIDERS, 'oauth')) {
    http.route('GET', `/oauth/${p.id}/start`, async (req) => {
      const answer = await oauth.start(p.id, req.query.get('state'));
      if ('page' in answer) return page(answer.page);
      return { status: 302, headers: { ...PRIVATE, location: answer.redirect } };
    });
    http.route('GET', `/oauth/${p.id}/callback`, async (req) => page(await oauth.callback(p.id, req.query)));
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A plain page in the person's language (right to left in Arabic), or in both when unknown. */
export function page(p: OAuthPage): HttpResponse {
  const locales = p.locale ? [p.locale] : (['en', 'ar'] as const);
  const lines = p.lines.map((line, i) => {
    const lang = locales[Math.min(i, locales.length - 1)] ?? 'en';
    return `<p lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">${escapeHtml(line)}</p>`;
  });
  const lang = p.locale ?? 'en';
  const html = `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${m[lang].pageTitle}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6}</style></head>
<body>
${lines.join('\n')}
</body>
</html>
`;
  return {
    status: p.status,
    headers: {
      ...PRIVATE,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
    body: html,
  };
}
