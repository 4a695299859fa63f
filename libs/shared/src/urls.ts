/**
 * A URL as it may be shown or stored: without the user name, password, query string and fragment,
 * which is where credentials travel (`http://user:key@host/`, `…?api-key=…`). Text that is not a
 * URL with a host (`user:key@host/v1` parses as scheme "user:") has the same parts cut by pattern,
 * so a malformed value is never echoed whole.
 */
export function redactUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.host === "") {
    return url.replace(/^([^/?#@]*\/\/)?[^/?#]*@/, "$1").replace(/[?#][\s\S]*$/, "");
  }
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  parsed.hash = "";
  return parsed.toString();
}
