module.exports = require('../../jest.preset.js').jestProject('worker', __dirname);
