import { copyObject, isObject } from "../core/json.js";
import { GatewayError } from "../core/errors.js";
import type { ProviderCall } from "./provider.js";

export function operationPath(call: ProviderCall): string {
  return call.path;
}

/**
 * The one re-serialisation on the hot path: the client's body with the platform deployment as
 * `model`, and, for streams, the final usage chunk requested so the meter sees provider counts.
 */
export function upstreamBody(call: ProviderCall, model: string | undefined): string {
  const copy = copyObject(call.body);
  if (model === undefined) delete copy["model"];
  else copy["model"] = model;
  if (call.stream) {
    const options = isObject(call.body["stream_options"]) ? call.body["stream_options"] : {};
    const streamOptions = copyObject(options);
    streamOptions["include_usage"] = true;
    copy["stream_options"] = streamOptions;
  }
  try {
    return JSON.stringify(copy);
  } catch (err) {
    // JSON.parse accepts nesting that JSON.stringify cannot recurse through.
    throw new GatewayError("invalid_request", "The request body is nested too deeply.", { cause: err });
  }
}
