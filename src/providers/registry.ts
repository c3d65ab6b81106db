import type { ProviderKind } from "../core/catalog.js";
import { anthropicAdapter } from "./anthropic/anthropic-adapter.js";
import { azureOpenAIAdapter } from "./azure-openai/azure-openai-adapter.js";
import { httpProvider } from "./http-transport.js";
import { openaiCompatibleAdapter } from "./openai-compatible/openai-compatible-adapter.js";
import { openaiAdapter } from "./openai/openai-adapter.js";
import type { Provider } from "./provider.js";
import { simProvider } from "./sim/sim-provider.js";
import type { UpstreamAgents } from "./upstream-agents.js";
import { ClientCredentialTokens } from "./entra-token.js";

export type ProviderRegistry = Readonly<Record<ProviderKind, Provider>>;

export function createProviders(agent: UpstreamAgents): ProviderRegistry {
  const tokens = new ClientCredentialTokens(() => agent.dispatcher());
  return {
    sim: simProvider,
    openai: httpProvider(openaiAdapter, agent),
    "azure-openai": httpProvider(azureOpenAIAdapter, agent, tokens),
    "openai-compatible": httpProvider(openaiCompatibleAdapter, agent),
    anthropic: httpProvider(anthropicAdapter, agent),
  };
}
