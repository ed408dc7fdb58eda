// Puppeteer's configuration file, read by the `puppeteer` package (lilconfig, searching upward
// from the working folder; its postinstall runs in node_modules/puppeteer, so it finds this one).
// Lectern never downloads a browser: it uses the Chrome or Chromium already on the machine, found
// in the order src/browser/find.ts gives. So `npm install` / `npm ci` skip Puppeteer's download
// of Chrome and chrome-headless-shell (a few hundred MB). A browser Puppeteer downloaded before is
// still used: the finder asks for its path, which this setting does not change.
/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: true,
};
