// A webhook URL at rest: sealed with the server secret (Slack's and Teams' URLs are themselves the
// credential), and a preview that shows where it goes without what lets anyone post to it.
import { sealSecret } from "../../security/secret-box";

export function urlPreview(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
}

export function sealedUrl(url: string): { urlSealed: string; urlPreview: string } {
  return { urlSealed: sealSecret(url), urlPreview: urlPreview(url) };
}
