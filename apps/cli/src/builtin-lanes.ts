import type { BuiltinLane } from '@akc/core';

/**
 * The only place that names every first-party lane. Each loads lazily (the dynamic imports
 * compile to require calls run only when the lane is needed), so commands that need no lane
 * (status, events, verify) never pay for lane code or provider SDKs.
 */
export const BUILTIN_LANES: readonly BuiltinLane[] = [
  { id: 'web', load: async () => (await import('@akc/lane-web')).webLane },
  { id: 'ios', load: async () => (await import('@akc/lane-ios')).iosLane },
  { id: 'android', load: async () => (await import('@akc/lane-android')).androidLane },
  { id: 'web:beta', load: async () => (await import('@akc/lane-web')).webBetaLane },
  { id: 'web:store', load: async () => (await import('@akc/lane-web')).webStoreLane },
  { id: 'ios:beta', load: async () => (await import('@akc/lane-testflight')).testflightLane },
  { id: 'ios:store', load: async () => (await import('@akc/lane-ios')).iosStoreLane },
  { id: 'android:beta', load: async () => (await import('@akc/lane-firebase')).firebaseLane },
  { id: 'android:store', load: async () => (await import('@akc/lane-play')).playLane },
];
