/** Web requirements: signed invite links on both lanes. */
import { OP_FILE, type DeliveryFacts, type Requirement } from './requirement';

function inviteBaseReason(f: DeliveryFacts): string | undefined {
  if (f.webInviteBase.ok) return undefined;
  // A hosting config shows where the app is deployed but not its URL, so it cannot build links.
  const hint = f.probes.web_hosting
    ? ` (${f.probes.web_hosting.replace('detected:', '')} was found, but its URL must still be set)`
    : '';
  return `web invite base URL not usable: ${f.webInviteBase.problem}; set env AKC_DELIVERY_WEB_INVITE_BASE_URL or operator prereq web.invite_base_url (or web.hosting_endpoint) to an http(s) URL${hint}`;
}

/** Web invite requirements. Email transport is a warning, not a requirement (see adapter-preflight). */
export const WEB_REQUIREMENTS: readonly Requirement[] = [
  {
    key: 'web.invite_base_url',
    platform: 'web',
    lanes: ['beta', 'store'],
    unmet: inviteBaseReason,
    fix: `Export AKC_DELIVERY_WEB_INVITE_BASE_URL=https://beta.example.com/app, or set "web": {"invite_base_url": "https://beta.example.com/app"} in ${OP_FILE}`,
    input: {
      id: 'web_hosting_endpoint',
      account: 'web_hosting',
      value_kind: 'url',
      sensitive: false,
      title: 'Web app URL',
      question: 'At which https URL is the web app hosted (invite links point there)?',
      help_text: 'The deployed base URL, e.g. https://beta.example.com/app.',
      binding: { kind: 'ir_node_property', property: 'delivery.web.hosting_endpoint', scope: 'repo' },
    },
  },
];
