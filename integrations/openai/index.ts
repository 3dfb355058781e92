import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { OpenAiLlm } from './llm.js';

export { DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, OpenAiLlm } from './llm.js';

/**
 * The model when OPENAI_API_KEY is set, or OPENAI_BASE_URL names a server (a local one needs no
 * key); undefined means the offline rules answer.
 */
export function openAiFromConfig(config: Config, log: Logger, timeoutMs?: number): OpenAiLlm | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  const timeout = timeoutMs ?? config.OPENAI_TIMEOUT_MS;
  return new OpenAiLlm({
    // Ollama, llama.cpp and LM Studio ignore the key, but the SDK sends one.
    apiKey: config.OPENAI_API_KEY ?? 'local',
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    log,
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
  });
}
