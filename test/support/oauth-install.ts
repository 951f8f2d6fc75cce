// Installs the app into simulated workspaces through the whole OAuth flow, as a person would in
// a browser: the app's install page, its "Add to Slack" link, Slack's authorize page (the
// simulator, with the consent set beforehand), the redirect back to the app with the code and
// the state cookie, and the page the app shows at the end.
import type { Consent } from '../../src/simulator/web-api-server';
import type { Harness } from './app-harness';

export { browse, type BrowsedPage } from '../../src/simulator/browse-install';
import { browse, type BrowsedPage } from '../../src/simulator/browse-install';

/** Installs through the flow with this consent (a workspace, or an org-wide install); returns the final page. */
export async function installThroughOAuth(h: Harness, consent: Consent): Promise<BrowsedPage> {
  h.sim.consent(consent);
  return browse(`${h.app.url}/slack/install`);
}
