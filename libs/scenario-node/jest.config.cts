module.exports = require('../../jest.preset.js').jestProject('scenario-node', __dirname);
