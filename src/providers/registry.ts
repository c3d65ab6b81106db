import type { Agent } from "undici";
import type { ProviderKind } from "../core/catalog.js";
import { azureOpenAIAdapter } from "./azure-openai/azure-openai-adapter.js";
import { httpProvider } from "./http-transport.js";
import { openaiCompatibleAdapter } from "./openai-compatible/openai-compatible-adapter.js";
import { openaiAdapter } from "./openai/openai-adapter.js";
import type { Provider } from "./provider.js";
import { simProvider } from "./sim/sim-provider.js";

export type ProviderRegistry = Readonly<Record<ProviderKind, Provider>>;

export function createProviders(agent: Agent): ProviderRegistry {
  return {
    sim: simProvider,
    openai: httpProvider(openaiAdapter, agent),
    "azure-openai": httpProvider(azureOpenAIAdapter, agent),
    "openai-compatible": httpProvider(openaiCompatibleAdapter, agent),
  };
}
