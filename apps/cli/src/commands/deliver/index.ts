import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command';
import { formatSubmit } from '../../format';
import { formatPackaging } from '../../format-packaging';
import { prebuiltEnv, runSubmit } from '../../submit-flow';
import { executionEnabled, formatWave } from '../../distribution';
import { packagingModeFlag, waveFlags } from '../../wave-flags';

export default class Deliver extends BaseCommand {
  static override summary = 'Create a delivery: ship this app to these named people.';
  static override description =
    'Recipients are authoritative and come only from --recipient and --recipients-file; the request text never adds any. ' +
    'Creates .akc/delivery/<id>/ with the request, session, recipients, events, provider state and evidence files. ' +
    'With --compile it runs the compile command, binds its outputs and packages every platform; with --package it packages without compiling. ' +
    'A blocked delivery (failed preflight) is a real stop: nothing downstream runs.';
  static override examples = [
    '<%= config.bin %> deliver --request "Beta of the notes app" --recipient dana@example.com --platforms web,ios',
    '<%= config.bin %> deliver --request "1.4 to the stores" --recipients-file team.txt --release-mode both --delivery-version 1.4.0 --compile',
    '<%= config.bin %> deliver --request "Android beta" --recipient lee@example.com --platforms android --package --android-aab build/app.aab',
  ];
  static override flags = {
    request: Flags.string({ description: 'Plain-language goal of the delivery (required).' }),
    recipient: Flags.string({ description: 'A recipient e-mail (repeatable).', multiple: true }),
    'recipients-file': Flags.string({
      description: 'A .json ({"recipients": [...]}) or text file (one address per line, # comments).',
    }),
    platforms: Flags.string({ description: 'Comma list of web, ios, android.', default: 'web,ios,android' }),
    'release-mode': Flags.string({
      description: 'beta, store, or both (beta first, a human gate, then stores).',
      options: ['beta', 'store', 'both'],
      default: 'beta',
    }),
    'delivery-version': Flags.string({
      description: 'The app version being delivered (semver).',
      default: '1.0.0',
    }),
    compile: Flags.boolean({
      description:
        'Run the compile command (AKC_COMPILE_CMD or .akc/config.json), bind its outputs, then package.',
      default: false,
    }),
    package: Flags.boolean({
      description: 'Package every platform after creating the delivery (without compiling).',
      default: false,
    }),
    'packaging-mode': packagingModeFlag,
    ...waveFlags,
    'ios-ipa': Flags.string({ description: 'Use this prebuilt .ipa instead of building iOS.' }),
    'android-aab': Flags.string({ description: 'Use this prebuilt .aab instead of building Android.' }),
    'android-apk': Flags.string({ description: 'Use this prebuilt .apk instead of building Android.' }),
  };

  async run() {
    const { flags } = await this.parse(Deliver);
    const io = this.io(flags);
    const env = { ...io.env, ...prebuiltEnv(flags, io.cwd) };
    const r = await runSubmit(
      { ...io, env },
      {
        projectDir: this.projectDir(flags),
        request: flags.request,
        recipients: flags.recipient,
        recipientsFile: flags['recipients-file'],
        platforms: flags.platforms,
        releaseMode: flags['release-mode'],
        deliveryVersion: flags['delivery-version'],
        compile: flags.compile,
        package: flags.package,
        packagingMode: flags['packaging-mode'] as 'auto' | 'plan' | 'execute',
        execute: executionEnabled(flags.execute, env),
        storeSubmit: flags['store-submit'] as 'auto' | 'manual',
        onCreated: (id) => this.touchDelivery(id),
      },
    );
    this.say(formatSubmit(r.submitted));
    if (r.compile)
      this.say(
        `compile: exit ${r.compile.exit_code}${r.compile.run_id ? `, run ${r.compile.run_id}` : ''}${r.compile.error ? `: ${r.compile.error}` : ''}`,
      );
    if (r.packaging) this.say(formatPackaging(r.packaging));
    if (r.distribution) this.say(formatWave(r.distribution));
    if (r.stopped) this.say(`stopped: ${r.stopped}`);
    if (!r.ok) {
      if (this.jsonEnabled()) this.logJson(r.json);
      this.exit(2);
    }
    return r.json;
  }
}
