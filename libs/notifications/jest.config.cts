module.exports = require('../../jest.preset.js').jestProject('notifications', __dirname);
