module.exports = { ...require('../../../jest.preset.js'), displayName: 'lane-ios' };
