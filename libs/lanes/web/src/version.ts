/** This lane's version; a test keeps it equal to package.json's `version`. */
export const WEB_LANE_VERSION = '0.1.0';
