import type { AppStoreConnectClient } from '../client';
import { workflowError, type FailureFactory, type WorkflowState } from './failure';

/** The numbers an iOS artifact carries (CFBundleShortVersionString, CFBundleVersion). */
export interface IosNumbers {
  readonly version: string;
  readonly buildNumber: string;
  /** `1.2.0 (42)` for messages. */
  readonly label: string;
}

/** The parts of a lane's dispatch or poll context the number helpers read. */
export interface IosArtifactSource {
  readonly artifact: {
    readonly versions: Readonly<Record<string, unknown>>;
    readonly files: readonly { readonly kind: string; readonly path: string }[];
  };
  readonly versions: { readonly ios_marketing_version: unknown; readonly ios_build_number: unknown };
}

/** Marketing version and build number from the artifact, else from the delivery's versions. */
export function iosNumbers(ctx: IosArtifactSource): IosNumbers {
  const v = ctx.artifact.versions;
  const version = String(v['ios_marketing_version'] ?? ctx.versions.ios_marketing_version);
  const buildNumber = String(v['ios_build_number'] ?? ctx.versions.ios_build_number);
  return { version, buildNumber, label: `${version} (${buildNumber})` };
}

/** The .ipa among the artifact's files, if any. */
export function ipaPath(ctx: IosArtifactSource): string | undefined {
  return ctx.artifact.files.find((f) => f.kind === 'ipa')?.path;
}

/** Finds the app by exact bundle id once (`app_id`); apps cannot be created through the API. */
export async function ensureAppId(
  asc: AppStoreConnectClient,
  store: WorkflowState,
  bundleId: string,
  fail: FailureFactory = workflowError,
): Promise<string> {
  const known = store.get<string>('app_id');
  if (known) return known;
  const app = await asc.apps.findByBundleId(bundleId);
  if (!app) {
    throw fail({
      reason: `no App Store Connect app has the bundle id ${bundleId}`,
      hint: 'Create the app in App Store Connect (My Apps > +); the API cannot create apps. Check that the API key belongs to the same team.',
    });
  }
  store.set('app_id', app.id);
  return app.id;
}
