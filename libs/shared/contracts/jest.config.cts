module.exports = require('../../../jest.preset.js').jestProject('shared-contracts', __dirname);
