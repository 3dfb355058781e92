/**
 * A local stand-in for OpenAI's Chat Completions endpoint (POST /v1/chat/completions) on 127.0.0.1.
 * It follows the official request and response shapes and rejects what the real API rejects: a
 * missing or wrong bearer key (401 with the official error body), a missing model or messages, and
 * a strict json_schema response_format whose objects do not list every property as required or do
 * not forbid additional properties (400). Tests script each answer: a good one, malformed JSON, a
 * slow one (to trip the client's timeout), one that sends its headers and half its body and then
 * stalls (as an overloaded proxy does), or a 429.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'good' | 'malformed' | 'slow' | 'stall-body' | 'rate-limited';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: {
    type: string;
    json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> };
  };
  [key: string]: unknown;
}

export interface FakeOpenAI {
  /** Base URL to give the SDK (ends with /v1). */
  url: string;
  /** Every accepted request body (after auth and validation passed). */
  requests: ChatRequest[];
  /** How many requests arrived at all, including rejected ones. */
  hits: number;
  /** Answers for the next requests, in order; `good` once the script is used up. */
  script: Behaviour[];
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  apiKey: string;
  /** Builds the assistant's JSON content for a good answer from the request. */
  respond: (req: ChatRequest) => unknown;
  /** How long a `slow` answer waits before it is sent. */
  slowMs?: number;
  /**
   * Which OpenAI-compatible server it plays: `openai` (the default), `no-json-schema` (llama.cpp or
   * vLLM builds that refuse a json_schema response format with a 400 but take json_object), or
   * `plain` (a server that refuses any response_format and answers in markdown fences with a
   * sentence around the JSON, as small local models do).
   */
  flavour?: 'openai' | 'no-json-schema' | 'plain';
  /** Waits this long before every answer (a local model loading, a slow first token). */
  firstTokenMs?: number;
}

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

const err = (message: string, type: string, param: string | null, code: string | null): ErrorBody => ({
  error: { message, type, param, code },
});

/** The strict-mode rules the real API enforces on a json_schema response format. */
function strictProblem(schema: unknown, where = '(root)'): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as Record<string, unknown>;
  if (s.type === 'object') {
    const props = Object.keys((s.properties as Record<string, unknown> | undefined) ?? {});
    if (s.additionalProperties !== false) {
      return `In context=${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const req = Array.isArray(s.required) ? (s.required as string[]) : [];
    const missing = props.filter((p) => !req.includes(p));
    if (missing.length > 0) {
      return `In context=${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    }
    for (const p of props) {
      const problem = strictProblem((s.properties as Record<string, unknown>)[p], `${where}.${p}`);
      if (problem) return problem;
    }
  }
  if (s.type === 'array') return strictProblem(s.items, `${where}.items`);
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) {
      for (const sub of s[key] as unknown[]) {
        const problem = strictProblem(sub, where);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

function validate(body: unknown): ErrorBody | undefined {
  if (typeof body !== 'object' || body === null) {
    return err('We could not parse the JSON body of your request.', 'invalid_request_error', null, null);
  }
  const b = body as Partial<ChatRequest>;
  if (typeof b.model !== 'string' || b.model === '') {
    return err('you must provide a model parameter', 'invalid_request_error', null, null);
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return err(
      "Missing required parameter: 'messages'.",
      'invalid_request_error',
      'messages',
      'missing_required_parameter',
    );
  }
  for (const [i, m] of b.messages.entries()) {
    if (!['system', 'developer', 'user', 'assistant', 'tool'].includes(String(m?.role))) {
      return err(
        `Invalid value: '${String(m?.role)}'.`,
        'invalid_request_error',
        `messages[${i}].role`,
        'invalid_value',
      );
    }
  }
  const rf = b.response_format;
  if (rf?.type === 'json_schema') {
    if (!rf.json_schema?.name || typeof rf.json_schema.schema !== 'object') {
      return err(
        "Missing required parameter: 'response_format.json_schema'.",
        'invalid_request_error',
        'response_format.json_schema',
        'missing_required_parameter',
      );
    }
    if (rf.json_schema.strict) {
      const problem = strictProblem(rf.json_schema.schema);
      if (problem) {
        return err(
          `Invalid schema for response_format '${rf.json_schema.name}': ${problem}`,
          'invalid_request_error',
          'response_format',
          null,
        );
      }
    }
  }
  return undefined;
}

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 321,
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: 321 + Math.ceil(content.length / 4),
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

export async function startFakeOpenAI(o: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const state = { requests: [] as ChatRequest[], hits: 0, script: [] as Behaviour[] };
  const timers = new Set<NodeJS.Timeout>();
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.hits++;
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(res, 404, err(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null, null));
        return;
      }
      const auth = req.headers.authorization;
      if (!auth?.startsWith('Bearer ') || auth.slice(7).trim() === '') {
        send(
          res,
          401,
          err(
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
            'invalid_request_error',
            null,
            null,
          ),
        );
        return;
      }
      if (auth.slice(7) !== o.apiKey) {
        const shown = `${auth.slice(7, 10)}*****${auth.slice(-4)}`;
        send(
          res,
          401,
          err(
            `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            'invalid_request_error',
            null,
            'invalid_api_key',
          ),
        );
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const problem = validate(body);
      if (problem) {
        send(res, 400, problem);
        return;
      }
      const request = body as ChatRequest;
      state.requests.push(request);
      const format = request.response_format?.type;
      if (
        (o.flavour === 'no-json-schema' && format === 'json_schema') ||
        (o.flavour === 'plain' && format !== undefined)
      ) {
        send(res, 400, err(`response_format type '${format}' is not supported`, 'invalid_request_error', null, null));
        return;
      }
      const behaviour = state.script.shift() ?? 'good';
      if (behaviour === 'rate-limited') {
        send(
          res,
          429,
          err(
            `Rate limit reached for ${request.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
            'requests',
            null,
            'rate_limit_exceeded',
          ),
          { 'retry-after': '20', 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0' },
        );
        return;
      }
      if (behaviour === 'malformed') {
        // Cut-off JSON, as a truncated generation looks.
        send(res, 200, completion(request.model, '{"ideas": [{"title": "Half an ans'));
        return;
      }
      const content = () =>
        o.flavour === 'plain'
          ? `Sure! Here is the JSON:\n\n\`\`\`json\n${JSON.stringify(o.respond(request), null, 2)}\n\`\`\`\nLet me know if you need changes.`
          : JSON.stringify(o.respond(request));
      const answer = () => {
        if (!o.firstTokenMs) return send(res, 200, completion(request.model, content()));
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send(res, 200, completion(request.model, content()));
        }, o.firstTokenMs);
        timers.add(timer);
      };
      if (behaviour === 'stall-body') {
        const full = JSON.stringify(completion(request.model, JSON.stringify(o.respond(request))));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(full)) });
        res.write(full.slice(0, Math.floor(full.length / 2)));
        return; // never ends; close() drops the connection
      }
      if (behaviour === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer();
        }, o.slowMs ?? 2000);
        timers.add(timer);
        return;
      }
      answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get hits() {
      return state.hits;
    },
    get script() {
      return state.script;
    },
    set script(v: Behaviour[]) {
      state.script = v;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
