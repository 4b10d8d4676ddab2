import { Flags } from '@oclif/core';
import { ingestActivationReport } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { readJsonInput } from '../../read-json-input';

export default class ActivationReport extends BaseCommand {
  static override summary = "Ingest an app's first-run/heartbeat report (JSON from --json-file or stdin).";
  static override examples = [
    `echo '{"delivery_id":"ID","recipient_token_id":"TOKEN","platform":"web","app_version":"1.4.0","first_run_at_unix_ms":1733300000000}' | <%= config.bin %> deliver activation-report --delivery-id ID`,
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    'json-file': Flags.string({ description: 'File holding one JSON report object (default: stdin).' }),
  };

  async run() {
    const { flags } = await this.parse(ActivationReport);
    const payload = await readJsonInput(flags['json-file'], 'activation report');
    const r = ingestActivationReport(this.io(flags), this.projectDir(flags), flags['delivery-id'], payload);
    const what = [
      r.recorded.first_run && 'first run',
      r.recorded.heartbeat && 'heartbeat',
      r.recorded.duplicate_first_run && 'repeated first run (ignored)',
    ]
      .filter(Boolean)
      .join(' + ');
    this.say(`${r.recipient} on ${r.platform}: ${what}; recipient is ${r.recipient_status}`);
    return r;
  }
}
