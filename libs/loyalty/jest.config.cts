module.exports = require('../../jest.preset.js').jestProject('loyalty', __dirname);
