// Package browsertest drives a real headless Chromium for the tests of
// flowduck's HTML pages, over the DevTools protocol (a websocket): it opens
// a page, records every console message, uncaught exception, log entry and
// network request the page makes, evaluates JavaScript in it to read the
// rendered DOM, switches to print media and takes screenshots.
//
// Chromium is Debian's chromium package (apt-get install -y chromium);
// FLOWDUCK_CHROMIUM names another binary. A test that needs the browser
// calls [Start]: under -short it skips; in a full run a missing browser
// fails the test with the command that installs it. Like dbtest, it is
// imported only by tests.
package browsertest
