import { Flags } from '@oclif/core';
import { ingestActivationReport, withActivationToken } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { readJsonInput } from '../../read-json-input';

export default class ActivationReport extends BaseCommand {
  static override summary =
    "Ingest an app's signed first-run/heartbeat report (JSON from --json-file or stdin).";
  static override description =
    "The report must carry the recipient's activation credential (`activation_token`, the akc_act of " +
    'their invite link), in the JSON or with --activation-token. A missing, forged or foreign ' +
    'credential is refused (exit 2) and nothing is recorded.';
  static override examples = [
    `echo '{"delivery_id":"ID","activation_token":"akc1.KID.TOKEN.SIG","platform":"web","app_version":"1.4.0","first_run_at_unix_ms":1733300000000}' | <%= config.bin %> deliver activation-report --delivery-id ID`,
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    'json-file': Flags.string({ description: 'File holding one JSON report object (default: stdin).' }),
    'activation-token': Flags.string({
      description: "The recipient's activation credential, when the JSON does not carry it.",
      env: 'AKC_ACTIVATION_TOKEN',
    }),
  };

  async run() {
    const { flags } = await this.parse(ActivationReport);
    const raw = await readJsonInput(flags['json-file'], 'activation report');
    const token = flags['activation-token'];
    const payload = token === undefined ? raw : withActivationToken(raw, token, '--activation-token');
    const r = ingestActivationReport(this.io(flags), this.projectDir(flags), flags['delivery-id'], payload);
    const what = [
      r.recorded.first_run && 'first run',
      r.recorded.heartbeat && 'heartbeat',
      r.recorded.duplicate_first_run && 'repeated first run (ignored)',
      r.recorded.duplicate_heartbeat && 'repeated heartbeat (ignored)',
    ]
      .filter(Boolean)
      .join(' + ');
    this.say(`${r.recipient} on ${r.platform}: ${what}; recipient is ${r.recipient_status}`);
    return r;
  }
}
