module.exports = require('../../../jest.preset.js').jestProject('shared-testing', __dirname);
