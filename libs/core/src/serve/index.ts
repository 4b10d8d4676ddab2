/** `akc deliver serve`: the HTTP ingest service for signed invite opens and activation reports. */
export { startDeliveryServer, type DeliveryServer, type DeliveryServerOptions } from './server';
export type { LandingRedirects } from './landing';
export type { RateLimitOptions } from './rate-limit';
