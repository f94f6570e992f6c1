// A minimal server on nodemailer's smtp-server, as its README starts one:
// library defaults, every message read and dropped.
//
//   node smtp-server.js HOST PORT [BANNER]
//
// With BANNER the greeting becomes "220 NAME ESMTP BANNER" (options.banner):
// the banner variant of the e2e servers.
'use strict';

const { SMTPServer } = require('smtp-server');

const [host, port, banner] = process.argv.slice(2);
const options = {
    onData(stream, session, callback) {
        stream.on('end', callback);
        stream.resume();
    },
};
if (banner) {
    options.banner = banner;
}
const server = new SMTPServer(options);
server.on('error', err => console.error('smtp-server:', err.message));
server.listen(Number(port), host);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
