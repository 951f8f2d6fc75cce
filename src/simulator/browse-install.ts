// A person installing the app in a browser, without the browser: the app's install page, its
// "Add to Slack" link, Slack's authorize page (the simulator's, which decides at once), the
// redirect back to the app with the code and the state cookie, and the page the app ends on.
// Used by the simulator's `install` command, the tests and the benchmarks.

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
    // The install page: the person clicks "Add to Slack", a link to Slack's authorize page.
    const addToSlack = /<a [^>]*href="([^"]*\/oauth\/v2\/authorize[^"]*)"/.exec(body)?.[1];
    if (addToSlack && res.status === 200) {
      url = new URL(addToSlack.replace(/&#38;/g, '&').replace(/&amp;/g, '&'), url).toString();
      continue;
    }
    return { url, status: res.status, body, visited };
  }
  throw new Error(`too many redirects from ${start}`);
}
