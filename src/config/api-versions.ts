/**
 * Azure OpenAI data-plane inference api-versions accepted by default: the GA releases and the
 * previews still in use (Microsoft keeps the latest previews plus 2023-06-01 and 2023-10-01).
 * `api.versions` in atrium.yaml replaces this list.
 */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  "2022-12-01",
  "2023-05-15",
  "2024-02-01",
  "2024-06-01",
  "2024-10-21",
  "2023-06-01-preview",
  "2023-10-01-preview",
  "2024-02-15-preview",
  "2024-03-01-preview",
  "2024-04-01-preview",
  "2024-05-01-preview",
  "2024-07-01-preview",
  "2024-08-01-preview",
  "2024-09-01-preview",
  "2024-10-01-preview",
  "2024-12-01-preview",
  "2025-01-01-preview",
  "2025-02-01-preview",
  "2025-03-01-preview",
  "2025-04-01-preview",
];

/** What Atrium itself sends to azure-openai resources unless a resource says otherwise. */
export const DEFAULT_UPSTREAM_API_VERSION = "2024-10-21";

/** The `anthropic-version` header sent to anthropic resources unless a resource sets `apiVersion`. */
export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
