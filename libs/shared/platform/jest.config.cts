module.exports = require('../../../jest.preset.js').jestProject('shared-platform', __dirname);
