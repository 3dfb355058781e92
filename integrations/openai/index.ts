import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { OpenAiLlm } from './llm.js';

export { DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, OpenAiLlm } from './llm.js';

/** The model when OPENAI_API_KEY is set; undefined means the offline rules answer. */
export function openAiFromConfig(config: Config, log: Logger, timeoutMs?: number): OpenAiLlm | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return new OpenAiLlm({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    log,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}
