module.exports = require('../../jest.preset.js').jestProject('orders', __dirname);
