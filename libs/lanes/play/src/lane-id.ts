/** The registry id of this lane. */
export const LANE_ID = 'android:store';

/** The Play API root used when `AKC_PLAY_ROOT_URL` is unset. */
export const DEFAULT_PLAY_ROOT_URL = 'https://androidpublisher.googleapis.com/';
