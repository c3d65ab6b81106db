import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";

/**
 * OpenAI content parts as Anthropic content blocks: text as text, `image_url` as an image block
 * (a `data:` URL becomes base64 with its media type, any other URL a `url` source, which
 * Anthropic fetches itself). Parts Anthropic has no block for are refused by name.
 */
export function contentBlocks(content: JsonValue | undefined, param: string): JsonObject[] {
  if (content === undefined || content === null) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) throw invalid(`\`${param}\` must be a string or an array of content parts.`, param);
  const blocks: JsonObject[] = [];
  content.forEach((part, i) => {
    const at = `${param}[${i}]`;
    if (!isObject(part)) throw invalid(`\`${at}\` must be a content part object.`, at);
    const type = part["type"];
    if (type === "text") {
      if (typeof part["text"] !== "string") throw invalid(`\`${at}.text\` must be a string.`, `${at}.text`);
      blocks.push({ type: "text", text: part["text"] });
    } else if (type === "image_url") {
      blocks.push(imageBlock(part["image_url"], `${at}.image_url`));
    } else {
      throw unsupported(`content parts of type ${typeof type === "string" ? type.slice(0, 40) : "(none)"}`, at);
    }
  });
  return blocks;
}

/** A message's text alone (system prompts, tool results given as parts). */
export function textOf(content: JsonValue | undefined, param: string): string {
  return contentBlocks(content, param)
    .map((b) => {
      if (b["type"] !== "text") throw unsupported("images in this message role", param);
      return b["text"] as string;
    })
    .join("\n");
}

const DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,(.*)$/s;

function imageBlock(image: JsonValue | undefined, param: string): JsonObject {
  const url = isObject(image) ? image["url"] : typeof image === "string" ? image : undefined;
  if (typeof url !== "string" || url === "") throw invalid(`\`${param}.url\` must be an image URL.`, `${param}.url`);
  if (url.startsWith("data:")) {
    const m = DATA_URL.exec(url);
    if (!m) throw unsupported("image data URLs other than base64 png, jpeg, gif or webp", `${param}.url`);
    return { type: "image", source: { type: "base64", media_type: m[1] as string, data: m[2] as string } };
  }
  if (!/^https?:\/\//i.test(url)) throw invalid(`\`${param}.url\` must be an http(s) or data URL.`, `${param}.url`);
  return { type: "image", source: { type: "url", url } };
}

export function invalid(message: string, param: string | undefined): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}

/** A feature the client asked for that the anthropic provider cannot give: a 400 naming it. */
export function unsupported(feature: string, param: string | undefined): GatewayError {
  return new GatewayError("invalid_request", `The anthropic provider does not support ${feature}.`, { param });
}
