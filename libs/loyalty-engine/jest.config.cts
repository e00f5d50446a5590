module.exports = require('../../jest.preset.js').jestProject('loyalty-engine', __dirname);
