import { Flags } from '@oclif/core';

/** How packaging runs (submit and `deliver package`). */
export const packagingModeFlag = Flags.string({
  description:
    'auto: build, falling back to a plan where prerequisites are missing; plan: write plans only; execute: build or fail.',
  options: ['auto', 'plan', 'execute'],
  default: 'auto',
});

/** Flags shared by every command that runs a distribution wave. */
export const waveFlags = {
  execute: Flags.boolean({
    description:
      'Call the providers for real (also AKC_DELIVERY_EXECUTE_PROVIDERS=1); without it the wave is a dry run.',
    default: false,
  }),
  'store-submit': Flags.string({
    description: 'auto: submit store releases for review; manual: stage them for a person.',
    options: ['auto', 'manual'],
    default: 'auto',
  }),
};
