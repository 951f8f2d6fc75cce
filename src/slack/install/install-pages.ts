// The pages a person sees around Slack's install flow: the install page with Slack's "Add to
// Slack" button, and what comes after (installed, with the next steps; or why it failed).
// Plain, accessible HTML with no scripts; every dynamic value is escaped.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1c1d; max-width: 40rem; margin: 3rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  .add { display: inline-flex; align-items: center; gap: .5rem; padding: .7rem 1.2rem; border: 1px solid #bbb; border-radius: .4rem; color: #1d1c1d; text-decoration: none; font-weight: 600; }
  .add:focus, .add:hover { border-color: #1d3b4f; outline: 2px solid #1d3b4f; outline-offset: 2px; }
  code { background: #f4f4f4; padding: .1rem .3rem; border-radius: .2rem; }
  .note { color: #555; font-size: .95rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The install page: what the app records, then Slack's button (`url`: Slack's authorize URL with the state). */
export function installPage(url: string): string {
  return page(
    'Install Activity Collector',
    `<h1>Install Activity Collector</h1>
<p>It records your community's activity in the channels you choose: messages, thread replies,
reactions, new members, edits and deletions. Direct messages are never collected, and private
channels only when an admin opts them in.</p>
<p><a class="add" href="${escape(url)}"><svg aria-hidden="true" width="20" height="20" viewBox="0 0 122.8 122.8"><path d="M25.8 77.6c0 7.1-5.8 12.9-12.9 12.9S0 84.7 0 77.6s5.8-12.9 12.9-12.9h12.9v12.9zm6.5 0c0-7.1 5.8-12.9 12.9-12.9s12.9 5.8 12.9 12.9v32.3c0 7.1-5.8 12.9-12.9 12.9s-12.9-5.8-12.9-12.9V77.6z" fill="#e01e5a"/><path d="M45.2 25.8c-7.1 0-12.9-5.8-12.9-12.9S38.1 0 45.2 0s12.9 5.8 12.9 12.9v12.9H45.2zm0 6.5c7.1 0 12.9 5.8 12.9 12.9s-5.8 12.9-12.9 12.9H12.9C5.8 58.1 0 52.3 0 45.2s5.8-12.9 12.9-12.9h32.3z" fill="#36c5f0"/><path d="M97 45.2c0-7.1 5.8-12.9 12.9-12.9s12.9 5.8 12.9 12.9-5.8 12.9-12.9 12.9H97V45.2zm-6.5 0c0 7.1-5.8 12.9-12.9 12.9s-12.9-5.8-12.9-12.9V12.9C64.7 5.8 70.5 0 77.6 0s12.9 5.8 12.9 12.9v32.3z" fill="#2eb67d"/><path d="M77.6 97c7.1 0 12.9 5.8 12.9 12.9s-5.8 12.9-12.9 12.9-12.9-5.8-12.9-12.9V97h12.9zm0-6.5c-7.1 0-12.9-5.8-12.9-12.9s5.8-12.9 12.9-12.9h32.3c7.1 0 12.9 5.8 12.9 12.9s-5.8 12.9-12.9 12.9H77.6z" fill="#ecb22e"/></svg>Add to Slack</a></p>
<p class="note">An Enterprise Grid admin can install it across the whole organisation: it then collects from every workspace the app is granted, including ones added later.</p>`,
  );
}

export function installedPage(where: { name: string | undefined; id: string; organisation: boolean }): string {
  const name = escape(where.name ?? where.id);
  return page(
    'Installed',
    `<h1>Installed in ${name}</h1>
<p>${where.organisation ? `Activity Collector is installed across the organisation <strong>${name}</strong>. It collects from every workspace an admin grants it.` : `Activity Collector is installed in <strong>${name}</strong>.`}</p>
<h2>Next</h2>
<ol>
<li>Invite the bot to the channels that count: <code>/invite @activity</code>. Public channels the bot is in are collected; private channels only when an admin opts each one in.</li>
<li>Type <code>/activity</code> in a channel, and open the app's <strong>Home</strong> tab.</li>
</ol>
<p class="note">Activity from before the install is not imported.</p>`,
  );
}

export function installFailedPage(reason: string): string {
  return page(
    'Not installed',
    `<h1>Not installed</h1>
<p>${escape(reason)}</p>
<p><a href="/slack/install">Start again</a></p>`,
  );
}
