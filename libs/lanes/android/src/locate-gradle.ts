import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AndroidArtifact, AndroidLaneOptions } from './options';

/** Where the Gradle wrapper lives: `android/gradlew` (React Native, Expo prebuild), else `./gradlew`. */
export interface GradleProject {
  readonly dir: string;
  readonly gradlew: string;
}

/** The Gradle project folder, or null when neither android/gradlew nor ./gradlew exists. */
export function locateGradleProject(projectDir: string): GradleProject | null {
  for (const dir of [join(projectDir, 'android'), projectDir]) {
    const gradlew = join(dir, 'gradlew');
    if (existsSync(gradlew)) return { dir, gradlew };
  }
  return null;
}

/** The module's build script (`build.gradle` or `build.gradle.kts`), or null. */
export function locateModuleBuildFile(gradleDir: string, module: string): string | null {
  const moduleDir = join(gradleDir, ...module.split(':'));
  for (const name of ['build.gradle.kts', 'build.gradle']) {
    const file = join(moduleDir, name);
    if (existsSync(file)) return file;
  }
  return null;
}

/** What a task produces and where AGP writes it: `bundleProdRelease` -> aab in bundle/prodRelease. */
export interface TaskOutput {
  readonly kind: AndroidArtifact;
  /** `build/outputs/<bundle|apk>` of the module. */
  readonly outputsDir: string;
  /** The variant folder inside it (`release`), or null for a task AGP does not name. */
  readonly variant: string | null;
}

/** Derive the artifact kind and output folders of the configured task. */
export function describeTaskOutput(gradleDir: string, options: AndroidLaneOptions): TaskOutput {
  const match = /^(bundle|assemble)([A-Z]\w*)$/.exec(options.gradle_task);
  const kind: AndroidArtifact = match ? (match[1] === 'bundle' ? 'aab' : 'apk') : options.artifact;
  const variantName = match?.[2];
  const variant = variantName ? variantName.charAt(0).toLowerCase() + variantName.slice(1) : null;
  const outputsDir = join(
    gradleDir,
    ...options.module.split(':'),
    'build',
    'outputs',
    kind === 'aab' ? 'bundle' : 'apk',
  );
  return { kind, outputsDir, variant };
}
