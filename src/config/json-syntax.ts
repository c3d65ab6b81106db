import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** What each of jsonc-parser's error codes means to someone editing the file. */
const WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: "unexpected",
  InvalidNumberFormat: "not a number",
  PropertyNameExpected: "expected a property name in double quotes (a trailing comma?)",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' (a missing comma?)",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut short",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape in a string",
  InvalidCharacter: "invalid character in a string (a line break?)",
};

/**
 * Where a text that JSON.parse refused first goes wrong, as "line L, column C: what". JSON.parse's
 * own message gives an offset at best, and its wording differs between Node versions.
 */
export function describeJsonSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return "not valid JSON";
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  const code = printParseErrorCode(first.error);
  const words = WORDS[code] ?? code;
  const found = first.length > 0 ? ` ${JSON.stringify(text.slice(first.offset, first.offset + Math.min(first.length, 20)))}` : "";
  const what = code === "InvalidSymbol" ? `${words}${found}` : first.offset >= text.trimEnd().length ? `${words} before the end of the file` : words;
  return `not valid JSON at line ${line}, column ${column}: ${what}`;
}
