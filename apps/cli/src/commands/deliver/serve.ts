import { Flags } from '@oclif/core';
import { startDeliveryServer, type LandingRedirects } from '@akc/core';
import { BaseCommand } from '../../base-command';

/** Resolves on the first SIGTERM or SIGINT and removes both listeners. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(sig);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

export default class Serve extends BaseCommand {
  static override summary = 'Serve the invite landing, activation reports and /healthz over HTTP.';
  static override description =
    'Runs until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests and exits 0. ' +
    'Routes: GET /healthz; GET /i|/join|/?akc_did=... (signed invite landing: records the open once, ' +
    "then hands the recipient's activation credential to the app: the hosted web build, the web URL's " +
    'fragment, or the app link); GET /app/<id>/... (the packaged web build, only with the cookie the ' +
    'landing sets); POST /v1/deliveries/<id>/activation (signed JSON report, as `akc deliver ' +
    'activation-report`; reports arriving together are written in one transaction).';
  static override examples = [
    '<%= config.bin %> deliver serve --port 8080 --redirect-ios https://testflight.apple.com/join/ABC',
  ];
  static override flags = {
    port: Flags.integer({ description: 'TCP port (0 = any free port).', default: 0, min: 0, max: 65535 }),
    host: Flags.string({ description: 'Address to listen on.', default: '127.0.0.1' }),
    'redirect-web': Flags.string({
      description: 'Where verified web invite holders are sent (absolute URL).',
    }),
    'redirect-ios': Flags.string({
      description: 'iOS install link for verified invite holders (absolute URL).',
    }),
    'redirect-android': Flags.string({
      description: 'Android install link for verified invite holders (absolute URL).',
    }),
    'app-link-ios': Flags.string({
      description:
        'iOS app link (universal link or app scheme, e.g. notes://akc) that receives akc_did, akc_tid and akc_act.',
    }),
    'app-link-android': Flags.string({
      description: 'Android app link (App Link or app scheme) that receives akc_did, akc_tid and akc_act.',
    }),
    'host-web': Flags.boolean({
      description: "Host each delivery's packaged web build at /app/<id>/ to invite holders.",
      default: true,
      allowNo: true,
    }),
    'rate-limit': Flags.integer({
      description: 'Requests per minute per client address.',
      default: 600,
      min: 1,
    }),
    'trust-proxy': Flags.boolean({
      description:
        'Behind your reverse proxy: take the client address from X-Forwarded-For and https from X-Forwarded-Proto.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Serve);
    const redirects: LandingRedirects = {};
    if (flags['redirect-web']) redirects.web = flags['redirect-web'];
    if (flags['redirect-ios']) redirects.ios = flags['redirect-ios'];
    if (flags['redirect-android']) redirects.android = flags['redirect-android'];
    const appLinks: LandingRedirects = {};
    if (flags['app-link-ios']) appLinks.ios = flags['app-link-ios'];
    if (flags['app-link-android']) appLinks.android = flags['app-link-android'];
    const stopped = untilSignal();
    const server = await startDeliveryServer({
      io: this.io(flags),
      projectDir: this.projectDir(flags),
      host: flags.host,
      port: flags.port,
      landing: { redirects, appLinks, hostWebBundle: flags['host-web'] },
      rateLimit: { perMinute: flags['rate-limit'] },
      trustProxy: flags['trust-proxy'],
      // Scoped projects: the operations index row of each changed delivery, at most every 2 s.
      onRecorded: (id) => this.touchDelivery(id),
    }).catch((err: unknown) => {
      // A bad --redirect-* URL is a usage error, not an internal failure.
      if (err instanceof RangeError) this.error(err.message, { exit: 2 });
      throw err;
    });
    if (this.jsonEnabled())
      process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
    else this.say(`akc deliver serve listening on ${server.url} (Ctrl-C or SIGTERM to stop)`);
    const ops = this.opsSync(flags);
    const syncing = setInterval(() => void ops.flush(), 2000);
    syncing.unref();
    const sig = await stopped;
    clearInterval(syncing);
    process.stderr.write(`akc deliver serve: ${sig}, shutting down\n`);
    await server.close();
  }
}
