import { describe, expect, it } from 'vitest';
import { PublishError } from '../../integrations/publisher.js';
import { maskSecrets, storable } from '../../src/lib/text.js';

describe('storable text', () => {
  it('drops NUL and replaces lone surrogates, keeping pairs, Arabic and emoji', () => {
    expect(storable('a\u0000b')).toBe('ab');
    expect(storable('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(storable('مرحبا 👋 ok')).toBe('مرحبا 👋 ok');
  });
});

describe('maskSecrets', () => {
  it('hides the token shapes the networks issue, and leaves plain words and ids', () => {
    const cases: Array<[string, string]> = [
      [
        'Invalid OAuth access token - Cannot parse access token: EAAGabc123XYZ456',
        'Invalid OAuth access token - Cannot parse access token: [hidden]',
      ],
      ['bad ya29.a0AfH6SMBx-yz and 1//0gAbCdEfGhIj-kl', 'bad [hidden] and [hidden]'],
      ['GET /me?access_token=abc.def&fields=id failed', 'GET /me?access_token=[hidden]&fields=id failed'],
      ['key 0123456789abcdef0123456789abcdef-us19 refused', 'key [hidden] refused'],
      ['OpenAI sk-proj-abcdefgh1234 and xoxb-1234-5678-abcdef', 'OpenAI [hidden] and [hidden]'],
      ['page 111 (#100) Unsupported post request', 'page 111 (#100) Unsupported post request'],
    ];
    for (const [text, masked] of cases) expect(maskSecrets(text)).toBe(masked);
  });

  it('a provider error never carries the token into chat or logs', () => {
    expect(PublishError.reauth('Error validating access token EAAGsecretvalue99').message).toBe(
      'Error validating access token [hidden]',
    );
  });
});
