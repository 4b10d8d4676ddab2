import { Flags } from '@oclif/core';
import {
  DEFAULT_REPORT_EVENT_LIMIT,
  akcError,
  funnelLine,
  loadReportModel,
  renderDeliveryReport,
  resolveReportOut,
  writeReportFile,
} from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';

export default class Report extends BaseCommand {
  static override summary =
    'Write a self-contained HTML report of a delivery: funnel, recipients and their proofs, lanes, events.';
  static override description =
    'One HTML file with no network references (inline CSS and SVG, a small inline script), built read-only ' +
    'from the delivery files. Every value is escaped; invite links and tokens are never shown. The file is ' +
    'written atomically: a reader sees the old file or the whole new one.';
  static override examples = [
    '<%= config.bin %> deliver report --delivery-id 891d6984-2347-43f6-b888-ca1dd6221ac0 --out report.html',
    '<%= config.bin %> deliver report --delivery-id ID --out - > report.html',
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    out: Flags.string({
      description: 'The HTML file to write (its folder must exist), or - for stdout.',
      required: true,
    }),
    'max-events': Flags.integer({
      description: 'Show at most this many of the newest events; the page says how many were left out.',
      default: DEFAULT_REPORT_EVENT_LIMIT,
      min: 1,
    }),
  };

  async run() {
    const { flags } = await this.parse(Report);
    const io = this.io(flags);
    const toStdout = flags.out === '-';
    if (toStdout && this.jsonEnabled()) throw akcError('EOUTSTDOUT');
    // Refuse a bad --out before reading anything.
    if (!toStdout) resolveReportOut(io.cwd, flags.out);
    const model = loadReportModel(io, this.projectDir(flags), flags['delivery-id'], {
      eventLimit: flags['max-events'],
    });
    const html = renderDeliveryReport(model);
    const summary = {
      delivery_id: flags['delivery-id'],
      out: '-',
      bytes: Buffer.byteLength(html, 'utf8'),
      recipients: model.recipients.length,
      events: model.events.total,
    };
    if (toStdout) {
      process.stdout.write(html);
      return summary;
    }
    const written = writeReportFile(io.cwd, flags.out, html);
    this.say(
      `report written to ${written.path} (${written.bytes} bytes)\n  funnel: ${funnelLine(model.funnel)}`,
    );
    return { ...summary, out: written.path };
  }
}
