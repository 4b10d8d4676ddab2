// Test fixture: a lane object that forgets its `id`.
'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.default = {
  apiVersion: 1,
  kind: 'build',
  platform: 'web',
  version: '0.0.0',
  description: 'Test fixture: no id.',
  async preflight() {
    return { problems: [] };
  },
};
