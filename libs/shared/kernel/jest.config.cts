module.exports = require('../../../jest.preset.js').jestProject('shared-kernel', __dirname);
