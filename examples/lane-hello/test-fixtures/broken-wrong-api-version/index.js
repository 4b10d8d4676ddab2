// Test fixture: otherwise a valid web build lane, but declares lane contract version 99.
'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.default = {
  apiVersion: 99,
  id: 'web',
  kind: 'build',
  platform: 'web',
  version: '0.0.0',
  description: 'Test fixture: wrong lane contract version.',
  async preflight() {
    return { problems: [] };
  },
};
