// Installs the app into simulated workspaces through the whole OAuth flow, as a person would in
// a browser: the app's install page, its "Add to Slack" link, Slack's authorize page (the
// simulator, with the consent set beforehand), the redirect back to the app with the code and
// the state cookie, and the page the app shows at the end.
import type { Consent } from '../../src/simulator/web-api-server';
import type { Harness } from './app-harness';

export interface BrowsedPage {
  url: string;
  status: number;
  body: string;
  /** Every URL visited, in order. */
  visited: string[];
}

/** Follows redirects and the install page's "Add to Slack" link, keeping cookies like a browser. */
export async function browse(start: string): Promise<BrowsedPage> {
  let url = start;
  const cookies = new Map<string, string>();
  const visited: string[] = [];
  for (let hop = 0; hop < 10; hop++) {
    visited.push(url);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    const body = await res.text();
    const addToSlack = /<a class="add" href="([^"]+)"/.exec(body)?.[1];
    if (addToSlack && res.status === 200) {
      url = new URL(addToSlack.replace(/&#38;/g, '&').replace(/&amp;/g, '&'), url).toString();
      continue;
    }
    return { url, status: res.status, body, visited };
  }
  throw new Error(`too many redirects from ${start}`);
}

/** Installs through the flow with this consent (a workspace, or an org-wide install); returns the final page. */
export async function installThroughOAuth(h: Harness, consent: Consent): Promise<BrowsedPage> {
  h.sim.consent(consent);
  return browse(`${h.app.url}/slack/install`);
}
