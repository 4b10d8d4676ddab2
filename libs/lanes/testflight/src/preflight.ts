export { preflightJob } from '@akc/core';
