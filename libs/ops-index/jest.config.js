module.exports = { ...require('../../jest.preset.js'), displayName: 'ops-index' };
