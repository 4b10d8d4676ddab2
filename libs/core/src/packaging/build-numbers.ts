import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { akcError } from '../errors/akc-error';
import { acquireLock } from '../store/lock';
import { writeFileAtomic } from '../store/atomic-write';
import { deliveryRoot } from '../store/paths';
import {
  allocateBuildNumbers,
  deriveProviderVersions,
  type HighWaterMarkStore,
  type ProviderVersions,
} from '../versioning';

interface MarksFile {
  schema_id: 'akc:build_numbers:v1';
  marks: Record<string, number>;
}

/**
 * Allocate this build's numbers for `appKey` against the project's persisted high-water marks
 * (`.akc/delivery/build_numbers.json`), under a project-wide lock so two deliveries of the same
 * app never get the same build number. A rebuild of the same version gets a higher number.
 */
export function allocateProjectBuildNumbers(
  projectDir: string,
  deliveryVersion: string,
  appKey: string,
): ProviderVersions {
  const root = deliveryRoot(projectDir);
  mkdirSync(root, { recursive: true });
  const file = join(root, 'build_numbers.json');
  const release = acquireLock(join(root, '.build_numbers.lock'), { label: 'build numbers' });
  try {
    const doc = readMarks(file);
    const store: HighWaterMarkStore = {
      read: (k) => doc.marks[k] ?? null,
      write: (k, v) => {
        doc.marks[k] = v;
      },
    };
    const versions = allocateBuildNumbers(deriveProviderVersions(deliveryVersion), store, appKey);
    writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n');
    return versions;
  } finally {
    release();
  }
}

function readMarks(file: string): MarksFile {
  if (!existsSync(file)) return { schema_id: 'akc:build_numbers:v1', marks: {} };
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as MarksFile;
    const ok = doc.schema_id === 'akc:build_numbers:v1' && doc.marks && typeof doc.marks === 'object';
    if (ok && Object.values(doc.marks).every((v) => Number.isInteger(v) && v > 0)) return doc;
  } catch {
    // fall through
  }
  throw akcError('ECORRUPT', {
    path: file,
    reason: 'expected {"schema_id":"akc:build_numbers:v1","marks":{app: number}}',
  });
}
