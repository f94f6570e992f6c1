//go:build ignore

// mkcases writes djb2001/*.jsonl, one transcript for each rule of
// rules/djb2001.fp (and one for its default). Run it with go generate in
// this directory. The replies are written as those products of 2001 would
// send them; where a pattern spans several replies, the replies are crafted
// so that the seed view ("ADDR " + replies, CR shown as M, LF as a space)
// realizes it. TestGawk checks that each one wins its rule under gawk.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// client is the scanner's address as servers echo it back.
const client = "198.51.100.77"

var commands = []string{"", "EHLO survey.example", "HELO survey.example", "MAIL FROM:<>", "HELP", "VRFY postmaster", "QUIT"}

type tcase struct {
	name    string   // file name without .jsonl
	addr    string   // server address
	ptr     string   // PTR name, also the name the server gives itself
	replies []string // greeting, EHLO, HELO, MAIL, HELP, VRFY, QUIT
	errs    []string // per-step Err, when not all complete
	err     string   // Record.Error
}

const (
	qmailHelp     = "214 qmail home page: http://pobox.com/~djb/qmail.html\r\n"
	qmailVrfy     = "252 send some mail, i'll try my best\r\n"
	sendmail89EH  = "250-%s Hello survey.example [" + client + "], pleased to meet you\r\n250-EXPN\r\n250-VERB\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250-ONEX\r\n250-ETRN\r\n250-XUSR\r\n250 HELP\r\n"
	sendmail89Hlp = "214-This is Sendmail version 8.9.3\r\n214-Topics:\r\n214-\tHELO\tEHLO\tMAIL\tRCPT\tDATA\r\n214-\tRSET\tNOOP\tQUIT\tHELP\tVRFY\r\n214-\tEXPN\tVERB\tETRN\tDSN\r\n214-For more info use \"HELP <topic>\".\r\n214-To report bugs in the implementation send email to\r\n214-\tsendmail-bugs@sendmail.org.\r\n214-For local information send email to Postmaster at your site.\r\n214 End of HELP info\r\n"
	sendmail811EH = "250-%s Hello survey.example [" + client + "], pleased to meet you\r\n250-ENHANCEDSTATUSCODES\r\n250-EXPN\r\n250-VERB\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250-ONEX\r\n250-ETRN\r\n250-XUSR\r\n250 HELP\r\n"
	sendmail811H  = "214-2.0.0 This is sendmail version 8.11.6\r\n214-2.0.0 Topics:\r\n214-2.0.0 \tHELO\tEHLO\tMAIL\tRCPT\tDATA\r\n214-2.0.0 \tRSET\tNOOP\tQUIT\tHELP\tVRFY\r\n214-2.0.0 \tEXPN\tVERB\tETRN\tDSN\tAUTH\r\n214-2.0.0 \tSTARTTLS\r\n214-2.0.0 For more info use \"HELP <topic>\".\r\n214-2.0.0 To report bugs in the implementation send email to\r\n214-2.0.0 \tsendmail-bugs@sendmail.org.\r\n214-2.0.0 For local information send email to Postmaster at your site.\r\n214 2.0.0 End of HELP info\r\n"
	postfixEH     = "250-%s\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ETRN\r\n250 8BITMIME\r\n"
	ntmailEH      = "250-%s Hello survey.example [" + client + "]\r\n250-AUTH=LOGIN\r\n250-AUTH LOGIN CRAM-MD5\r\n250-SIZE\r\n250-8BITMIME\r\n250-ETRN\r\n250 HELP\r\n"
	receiverEH    = "250-%s\r\n250-SIZE 0\r\n250-ETRN\r\n250-8BITMIME\r\n250 HELP\r\n"
	imailEH       = "250-%s says hello\r\n250-SIZE 0\r\n250-8BITMIME\r\n250-DSN\r\n250-ETRN\r\n250-AUTH LOGIN CRAM-MD5\r\n250-AUTH=LOGIN\r\n250 EXPN\r\n"
	imailHelp     = "214-Commands\r\n214-HELO MAIL RCPT DATA RSET\r\n214-NOOP QUIT HELP VRFY\r\n214 EXPN ETRN AUTH\r\n"
	cmdList       = "214-Commands:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY ETRN\r\n"
	nortonHelp    = "214-Commands:\r\n214-\tDATA\tRCPT\tMAIL\tQUIT\tRSET\r\n214 \tHELO\tVRFY\tEXPN\tHELP\tNOOP\r\n"
	nortonOK      = "250 Requested mail action okay, completed\r\n"
	nortonBye     = "221 SMTP server closing transmission channel\r\n"
	smailHelp     = "250-The following SMTP commands are recognized:\r\n250-\r\n" +
		"250-   HELO hostname                   - startup and give your hostname\r\n" +
		"250-   EHLO hostname                   - startup with extension info\r\n" +
		"250-   MAIL FROM:<sender-address>      - start transaction from sender\r\n" +
		"250-   RCPT TO:<recipient-address>     - name recipient for message\r\n" +
		"250-   VRFY <address>                  - verify deliverability of address\r\n" +
		"250-   EXPN <address>                  - expand mailing list address\r\n" +
		"250-   DATA                            - start text of mail message\r\n" +
		"250-   RSET                            - reset state, drop transaction\r\n" +
		"250-   NOOP                            - do nothing\r\n" +
		"250-   DEBUG [level]                   - set debugging level, default 1\r\n" +
		"250-   HELP                            - produce this help message\r\n" +
		"250-   QUIT                            - close SMTP connection\r\n250-\r\n" +
		"250-The normal sequence of events in sending a message is to state the\r\n" +
		"250-sender address with a MAIL FROM command, give the recipients with\r\n" +
		"250-as many RCPT TO commands as are required (one address per command)\r\n" +
		"250-and then to specify the mail message text after the DATA command.\r\n" +
		"250 Multiple messages may be specified.  End the last one with a QUIT.\r\n"
)

// h fills %s with the case's host name.
func h(format, host string) string { return fmt.Sprintf(format, host) }

func cases() []tcase {
	var cs []tcase
	add := func(name, addr, ptr string, replies ...string) *tcase {
		for i, r := range replies {
			if bytes.Contains([]byte(r), []byte("%s")) {
				replies[i] = h(r, ptr)
			}
		}
		cs = append(cs, tcase{name: name, addr: addr, ptr: ptr, replies: replies})
		return &cs[len(cs)-1]
	}
	add("00-failed554", "192.0.2.10", "relay.example.net",
		"554 %s Access denied - your network is blocked\r\n",
		"550 5.0.0 Command rejected\r\n", "550 5.0.0 Command rejected\r\n", "550 5.0.0 Command rejected\r\n",
		"550 5.0.0 Command rejected\r\n", "550 5.0.0 Command rejected\r\n",
		"221 2.0.0 %s closing connection\r\n")
	add("01-qmail", "192.0.2.21", "mx07.example.net",
		"220 %s ESMTP CPMTA-3_5_0_4 Thu, 27 Sep 2001 10:41:17 -0700\r\n",
		"250-%s\r\n250-PIPELINING\r\n250 8BITMIME\r\n", "250 %s\r\n", "250 ok\r\n",
		qmailHelp, qmailVrfy, "221 %s\r\n")
	add("02-qmail", "192.0.2.33", "mail.example.org",
		"220 %s ESMTP\r\n", "250-%s\r\n250-PIPELINING\r\n250 8BITMIME\r\n", "250 %s\r\n", "250 ok\r\n",
		qmailHelp, qmailVrfy, "221 %s\r\n")
	add("03-qmail", "192.0.2.34", "smtp.example.net",
		"220 %s ESMTP\r\n", "250-%s\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 AUTH LOGIN PLAIN\r\n", "250 %s\r\n", "250 ok\r\n",
		"214-qmail home page: http://pobox.com/~djb/qmail.html\r\n214 send comments to qmail@list.cr.yp.to\r\n",
		qmailVrfy, "221 %s\r\n")
	add("04-ntmail", "192.0.2.40", "ntmail.example.com",
		"220 %s ESMTP NTMail (v4.30.0012/NT0412.00.6a3c1e92) ready for ESMTP transfer\r\n",
		ntmailEH, "250 %s Hello survey.example ["+client+"]\r\n", "250 Sender <> Ok\r\n",
		"214-%s ESMTP NTMail\r\n214- This is an NT Server running Gordano Ltd's NTMail\r\n214- Topics:\r\n214-     HELO EHLO MAIL RCPT DATA\r\n214-     RSET NOOP QUIT HELP VRFY\r\n214-     EXPN TURN ETRN\r\n214 End of HELP info\r\n",
		"550 VRFY not allowed\r\n", "221 %s ESMTP NTMail closing connection\r\n")
	add("05-mercur", "192.0.2.52", "mx.example.net",
		"220 %s MERCUR SMTP-Server (v3.30.03 AS-0512478) for Windows NT ready at Thu, 27 Sep 2001 17:02:11 +0200\r\n",
		"250-%s Hello survey.example ["+client+"]\r\n250-AUTH=LOGIN\r\n250-AUTH LOGIN CRAM-MD5\r\n250-SIZE 0\r\n250-8BITMIME\r\n250-ETRN\r\n250 HELP\r\n",
		"250 %s Hello survey.example ["+client+"]\r\n", "250 <>... Sender ok\r\n",
		"214-Commands:\r\n214-    HELO    EHLO    MAIL    RCPT    DATA\r\n214-    RSET    NOOP    QUIT    HELP    VRFY\r\n214-    EXPN    ETRN    AUTH\r\n214 End of HELP info\r\n",
		"252 Cannot VRFY user, but will take message for <postmaster>\r\n", "221 %s closing connection\r\n")
	add("06-tfbbs", "192.0.2.61", "bbs.example.org",
		"220 %s ESMTP TeleFinder Mail Server 5.7 ready\r\n",
		"250-%s\r\n250-8BITMIME\r\n250 HELP\r\n", "250 %s\r\n", "250 Sender OK\r\n",
		"214-TeleFinder Mail Server 5.7 (c) Spider Island Software\r\n214-Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n214 Please report problems to support@spiderisland.com\r\n",
		"502 VRFY command not implemented\r\n", "221 %s closing connection\r\n")
	add("07-sims", "192.0.2.70", "ims.example.com",
		"220 %s -- Server ESMTP (iPlanet Messaging Server 5.1 (built May  7 2001))\r\n",
		"250-%s\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-EXPN\r\n250-HELP\r\n250-XLOOP 4C4F1A79E5EE6A2B3C0D9F1E2A3B4C5D\r\n250-ETRN\r\n250-XADR\r\n250-XSTA\r\n250-XCIR\r\n250-XGEN\r\n250 SIZE 0\r\n",
		"250 %s OK, survey.example ["+client+"].\r\n", "250 2.5.0 Address Ok.\r\n",
		"214-2.3.0 The following commands are accepted:\r\n214-2.3.0   DATA    EHLO    EXPN    HELO    HELP\r\n214-2.3.0   MAIL    NOOP    QUIT    RCPT    RSET\r\n214-2.3.0   VRFY    ETRN    XADR    XCIR    XGEN    XSTA\r\n214 2.3.0 Send any questions to postmaster@%s\r\n",
		"252 2.1.5 Verification not supported.\r\n", "221 2.3.0 Bye received. Goodbye.\r\n")
	add("08-stalker", "192.0.2.83", "mac.example.org",
		"220 %s SMTP Stalker Internet Mail Server 1.8.2 is ready\r\n",
		"250-%s hello survey.example\r\n250-SIZE\r\n250 8BITMIME\r\n", "250 %s hello survey.example\r\n", "250 <> sender accepted\r\n",
		"214-This is Stalker Software's Internet Mail Server SMTP module\r\n214-Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY\r\n214 Send comments and bug reports to cgp-support@stalker.com\r\n",
		"252 VRFY is disabled\r\n", "221 %s SMTP connection closed\r\n")
	add("09-checkpoint", "192.0.2.95", "fw.example.com",
		"220 CheckPoint FireWall-1 secure SMTP server\r\n",
		"500 Command unrecognized\r\n", "250 Hello survey.example, pleased to meet you\r\n", "250 <>... Sender is OK\r\n",
		"214-Commands:\r\n214-   HELO    MAIL    RCPT    DATA    RSET\r\n214    NOOP    QUIT    HELP\r\n",
		"500 Command unrecognized\r\n", "221 Closing connection\r\n")
	add("10-microsoft", "192.0.2.104", "exchange.example.com",
		"220 %s ESMTP Server (Microsoft Exchange Internet Mail Service 5.5.2653.13) ready\r\n",
		"250-%s Hello ["+client+"]\r\n250-XEXCH50\r\n250-HELP\r\n250-ETRN\r\n250-DSN\r\n250-SIZE 0\r\n250-AUTH LOGIN\r\n250 AUTH=LOGIN\r\n",
		"250 OK\r\n", "250 OK - mail from <>\r\n",
		"214-This server supports the following commands:\r\n214 HELO EHLO RCPT DATA RSET MAIL QUIT HELP AUTH ETRN\r\n",
		"252 Cannot VRFY user, but will take message for <postmaster@%s>\r\n", "221 closing connection\r\n")
	add("11-mercury", "192.0.2.117", "pegasus.example.org",
		"220 %s Mercury 1.48 ESMTP server ready.\r\n",
		"250-%s Hello survey.example; ESMTPs are:\r\n250-TIME\r\n250-SIZE 0\r\n250 HELP\r\n", "250 %s Hello survey.example.\r\n",
		"250 Sender OK - send RCPTs.\r\n",
		"214-Recognized SMTP commands are:\r\n214-   HELO   EHLO   MAIL   RCPT   DATA   RSET\r\n214-   AUTH   NOOP   QUIT   HELP   VRFY   SOML\r\n214 Mail server account is 'Maiser'.\r\n",
		"250 <postmaster@%s>\r\n", "221 %s Service closing channel.\r\n")
	add("12-imailds", "192.0.2.126", "imds.example.net",
		"220 %s SMTP server ready. You are talking to an i-MailDS server version 2.1\r\n",
		"500 Command not recognized\r\n", "250 %s Hello survey.example\r\n", "250 OK\r\n",
		"214 HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "502 Command not implemented\r\n", "221 %s closing connection\r\n")
	add("13-microsoft", "192.0.2.139", "pop.example.com",
		"220 %s ESMTP Exchange POP3 (4.0.1108) ready\r\n",
		"250-%s Hello survey.example\r\n250-SIZE 5120000\r\n250 HELP\r\n", "250 %s Hello survey.example\r\n", "250 Sender <> OK\r\n",
		"214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "252 Unable to verify user\r\n", "221 %s closing connection\r\n")
	add("14-letterrip", "192.0.2.148", "lists.example.org",
		"220 %s running LetterRip Server ready\r\n",
		"500 Command not recognized: EHLO\r\n", "250 %s Hello survey.example\r\n", "250 OK\r\n",
		"214 Commands: HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "502 VRFY not supported\r\n", "221 %s closing connection\r\n")
	add("15-raptor", "192.0.2.157", "gateway.example.com",
		"220 %s MAILsweeper ESMTP Receiver Version 4.2.1.0 Ready\r\n",
		"250-%s\r\n250-SIZE 0\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 HELP\r\n", "250 %s\r\n", "250 <> Sender ok\r\n",
		"214-Commands supported:\r\n214-    HELO EHLO MAIL RCPT DATA\r\n214     RSET NOOP QUIT HELP VRFY\r\n",
		"252 Cannot VRFY user, but will accept message\r\n", "221 %s Service closing transmission channel\r\n")
	add("16-mdaemon", "192.0.2.166", "mdaemon.example.net",
		"220 %s ESMTP service ready [1] MDaemon v3.5.6\r\n",
		"250-%s Hello survey.example, pleased to meet you\r\n250-ETRN\r\n250-AUTH=LOGIN\r\n250-AUTH LOGIN CRAM-MD5\r\n250-8BITMIME\r\n250 SIZE 0\r\n",
		"250 %s Hello survey.example, pleased to meet you\r\n", "250 <>, Sender ok\r\n",
		"214-MDaemon SMTP Server Help\r\n214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY ETRN AUTH\r\n",
		"252 Cannot verify user\r\n", "221 See ya in cyberspace\r\n")
	add("17-ntmail", "192.0.2.175", "shop.example.com",
		"220 %s ESMTP NTMail (v3.03.0017/NT1183.00.2e4c0a1f) ready for ESMTP transfer\r\n",
		ntmailEH, "250 %s Hello survey.example ["+client+"]\r\n", "250 Sender <> Ok\r\n",
		"214-%s ESMTP NTMail\r\n214-This is an NT Server running Internet Shopper Ltd's NTMail\r\n214 End of HELP info\r\n",
		"550 VRFY not allowed\r\n", "221 %s ESMTP NTMail closing connection\r\n")
	add("18-mailsite", "192.0.2.184", "mailsite.example.org",
		"220  MailSite ESMTP Receiver Version 4.3.0.0 Ready\r\n",
		"250-Hello survey.example\r\n250-SIZE 0\r\n250-ETRN\r\n250-8BITMIME\r\n250 HELP\r\n", "250 Hello survey.example\r\n", "250 Sender <> Ok\r\n",
		"214-MailSite SMTP Receiver\r\n214-Commands: HELO EHLO MAIL RCPT DATA RSET\r\n214 NOOP QUIT HELP VRFY ETRN\r\n",
		"252 Cannot VRFY user\r\n", "221 Closing connection\r\n")
	add("19-james", "192.0.2.193", "james.example.org",
		"220 %s SMTP Server (JAMES SMTP Server 1.2.1) ready Thu, 27 Sep 2001 11:20:05 +0200 (CEST)\r\n",
		"250 %s Hello survey.example (survey.example ["+client+"])\r\n",
		"250 %s Hello survey.example (survey.example ["+client+"])\r\n", "250 Sender <> OK\r\n",
		"502 HELP is not supported\r\n", "502 VRFY is not supported\r\n", "221 %s Service closing transmission channel\r\n")
	add("20-mailsite", "192.0.2.202", "ms.example.net",
		"220 %s MailSite SMTP Receiver Version 3.4.6.0 Ready\r\n",
		"500 Command unrecognized\r\n", "250 %s Hello survey.example\r\n", "250 Sender <> Ok\r\n",
		"214 Commands: HELO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY\r\n", "252 Cannot VRFY user\r\n", "221 %s closing connection\r\n")
	add("21-vopmail", "192.0.2.211", "vop.example.com",
		"220 %s VOPmail ESMTP Receiver Version 3.5.0.5 Ready\r\n",
		receiverEH, "250 %s\r\n", "250 Sender <> Ok\r\n", cmdList, "252 Cannot VRFY user\r\n", "221 %s closing connection\r\n")
	add("22-hines", "192.0.2.220", "gw.example.net",
		"220 %s Wellcome to HINES mailgateway (V1.2)\r\n",
		"500 Unknown command\r\n", "250 %s\r\n", "250 OK\r\n", "500 Unknown command\r\n", "500 Unknown command\r\n", "221 Bye\r\n")
	add("23-firstclass", "198.51.100.3", "fc.example.org",
		"220 %s FirstClass ESMTP Mail Server v5.770 Ready\r\n",
		"250-%s\r\n250-8BITMIME\r\n250-ETRN\r\n250-HELP\r\n250 SIZE 0\r\n", "250 %s\r\n", "250 Sender OK\r\n",
		"214-Commands:\r\n214-  HELO EHLO MAIL RCPT DATA RSET\r\n214   NOOP QUIT HELP VRFY EXPN ETRN\r\n",
		"252 Unable to verify address\r\n", "221 %s Closing transmission channel\r\n")
	add("24-microsoft", "198.51.100.12", "w2k.example.com",
		"220 %s Microsoft ESMTP MAIL Service, Version: 5.0.2195.2966 ready at  Thu, 27 Sep 2001 08:12:44 -0500 \r\n",
		"250-%s Hello ["+client+"]\r\n250-AUTH GSSAPI NTLM LOGIN\r\n250-AUTH=LOGIN\r\n250-TURN\r\n250-ATRN\r\n250-SIZE 2097152\r\n250-ETRN\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-8bitmime\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250-VRFY\r\n250 OK\r\n",
		"250 %s Hello ["+client+"]\r\n", "250 2.1.0 <>....Sender OK\r\n",
		"214-This server supports the following commands:\r\n214 HELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH TURN ATRN ETRN BDAT VRFY\r\n",
		"252 2.1.5 Cannot VRFY user, but will take message for <postmaster@%s>\r\n", "221 2.0.0 %s Service closing transmission channel\r\n")
	for _, v := range []struct{ n, addr, ptr, ver string }{
		{"25", "198.51.100.21", "imail.example.com", "7.05 265211-1"},
		{"26", "198.51.100.30", "mail2.example.net", "6.06 70420-1"},
		{"27", "198.51.100.39", "post.example.org", "5.08 11205-1"},
		{"28", "198.51.100.48", "smtp.example.com", "4.06 20199-2"},
	} {
		add(v.n+"-imail", v.addr, v.ptr,
			"220 X1 NT-ESMTP Server %s (IMail "+v.ver+")\r\n",
			imailEH, "250 hello survey.example\r\n", "250 ok\r\n", imailHelp, "250 <postmaster@%s>\r\n", "221 Goodbye\r\n")
	}
	add("29-microsoft", "198.51.100.60", "nt4.example.org",
		"220 %s Microsoft SMTP MAIL ready at Thu, 27 Sep 2001 09:30:15 -0400 Version: 5.5.1877.197.19\r\n",
		"250-%s Hello ["+client+"]\r\n250-ETRN\r\n250-SIZE 2097152\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-8bitmime\r\n250 OK\r\n",
		"250 %s Hello ["+client+"]\r\n", "250 <>....Sender OK\r\n",
		"214-This server supports the following commands:\r\n214 HELO EHLO RCPT DATA RSET MAIL QUIT HELP TURN ETRN VRFY\r\n",
		"252 Cannot VRFY user, but will take message for <postmaster@%s>\r\n", "221 %s Service closing transmission channel\r\n")
	add("30-groupwise", "198.51.100.71", "gwia.example.com",
		"220 %s GroupWise Internet Agent 5.5.5.1 Ready (C)1993, 2000 Novell, Inc.\r\n",
		"250-%s Ok\r\n250-AUTH LOGIN\r\n250-AUTH=LOGIN\r\n250-SIZE\r\n250 8BITMIME\r\n", "250 %s Ok\r\n", "250 Ok\r\n",
		"214-Commands:\r\n214-   HELO EHLO MAIL RCPT DATA RSET\r\n214    NOOP QUIT HELP VRFY EXPN\r\n",
		"252 Cannot verify user\r\n", "221 %s Closing transmission channel\r\n")
	add("31-pleaselogin", "198.51.100.84", "isp.example.net",
		"220 Please login at http://www.example.net/smtp/ before sending mail\r\n",
		"554 Please login first\r\n", "554 Please login first\r\n", "554 Please login first\r\n",
		"554 Please login first\r\n", "554 Please login first\r\n", "221 Bye\r\n")
	add("32-worldmail", "198.51.100.93", "wm.example.org",
		"220 %s ESMTP Service (Worldmail 1.3.167) ready\r\n",
		"250-%s\r\n250-PIPELINING\r\n250-DSN\r\n250-8BITMIME\r\n250-ETRN\r\n250-SIZE 0\r\n250 HELP\r\n", "250 %s\r\n", "250 Sender OK\r\n",
		"214-Commands:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP ETRN\r\n",
		"252 Cannot VRFY user, will attempt delivery\r\n", "221 %s Service closing transmission channel\r\n")
	add("33-pmdf", "198.51.100.102", "vms.example.org",
		"220 %s -- Server ESMTP (PMDF V5.2-32 #40472)\r\n",
		"250-%s\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-DSN\r\n250-EXPN\r\n250-HELP\r\n250-XADR\r\n250-XSTA\r\n250-XCIR\r\n250-XGEN\r\n250 SIZE 0\r\n",
		"250 %s OK, survey.example ["+client+"].\r\n", "250 2.5.0 Address Ok.\r\n",
		"214-2.3.0 The following commands are accepted:\r\n214-2.3.0   DATA    EHLO    EXPN    HELO    HELP\r\n214-2.3.0   MAIL    NOOP    QUIT    RCPT    RSET\r\n214-2.3.0   VRFY    XADR    XCIR    XGEN    XSTA\r\n214 2.3.0 Send any questions to postmaster@%s\r\n",
		"250 2.1.5 postmaster <postmaster@%s>\r\n", "221 2.3.0 Bye received. Goodbye.\r\n")
	add("34-lotusdomino", "198.51.100.111", "notes.example.com",
		"220 %s ESMTP Service (Lotus Domino Release 5.0.8) ready at Thu, 27 Sep 2001 15:44:09 +0200\r\n",
		"250-%s Hello survey.example (["+client+"]), pleased to meet you\r\n250-HELP\r\n250-SIZE 0\r\n250 PIPELINING\r\n",
		"250 %s Hello survey.example (["+client+"]), pleased to meet you\r\n", "250 Sender OK\r\n",
		"214-Enter one of the following commands:\r\n214-HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY\r\n214 For more info use \"HELP <topic>\".\r\n",
		"252 Cannot VRFY user\r\n", "221 %s SMTP Service closing transmission channel\r\n")
	smapRest := []string{"500 Command unrecognized\r\n", "250 (%s) pleased to meet you.\r\n", "250 <>... Sender Ok\r\n",
		"214-Commands\r\n214-HELO MAIL RCPT DATA RSET\r\n214 NOOP QUIT HELP\r\n", "500 Command unrecognized\r\n", "221 Closing connection\r\n"}
	add("35-smap", "198.51.100.124", "gauntlet.example.net", append([]string{"220 %s SMTP/smap Ready.\r\n"}, smapRest...)...)
	add("36-smap", "198.51.100.133", "fw2.example.com", append([]string{"220 %s SMTP/smap P2 Ready.  Unauthorized use prohibited.\r\n"}, smapRest...)...)
	add("37-winroute", "198.51.100.142", "kerio.example.org",
		"220 %s ESMTP - WinRoute Pro 4.1.24\r\n",
		"250-%s\r\n250-SIZE 0\r\n250 8BITMIME\r\n", "250 %s\r\n", "250 OK\r\n",
		"214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "502 Command not implemented\r\n", "221 %s closing connection\r\n")
	add("38-dmail", "198.51.100.151", "dmail.example.net",
		"220 %s DSMTP ESMTP Server v2.8j ready\r\n",
		"250-%s hello survey.example\r\n250-SIZE 0\r\n250-ETRN\r\n250 8BITMIME\r\n", "250 %s hello survey.example\r\n", "250 Sender ok\r\n",
		"214-Commands:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY EXPN ETRN\r\n", "252 postmaster\r\n", "221 %s closing connection\r\n")
	add("39-argosoft", "198.51.100.164", "argo.example.com",
		"220 ArGoSoft Mail Server, Version 1.61 (1.6.1.6)\r\n",
		"250-Welcome survey.example ["+client+"], pleased to meet you\r\n250-SIZE 0\r\n250 HELP\r\n",
		"250 Welcome survey.example ["+client+"], pleased to meet you\r\n", "250 Sender \"<>\" OK...\r\n",
		"214-This is ArGoSoft Mail Server\r\n214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n",
		"502 Command not implemented\r\n", "221 Aba he\r\n")
	add("40-sendmail", "198.51.100.177", "host.example.org",
		"220 %s ESMTP Sendmail 8.9.3/8.9.3; Thu, 27 Sep 2001 09:05:33 -0400\r\n",
		sendmail89EH, "503 %s Duplicate HELO/EHLO\r\n", "250 <>... Sender ok\r\n", sendmail89Hlp,
		"250 Super-User <root@%s>\r\n", "221 %s closing connection\r\n")
	add("41-postfix", "198.51.100.186", "mx1.example.com",
		"220 %s ESMTP Postfix\r\n", postfixEH, "250 %s\r\n", "250 Ok\r\n",
		"502 Error: command not implemented\r\n", "252 postmaster\r\n", "221 Bye\r\n")
	add("42-netscape", "198.51.100.195", "nw.example.org",
		"220 %s Novonyx SMTP ready Thu, 27 Sep 2001 10:11:12 -0600\r\n",
		"250-%s\r\n250-HELP\r\n250-ETRN\r\n250-PIPELINING\r\n250-DSN\r\n250 SIZE 0\r\n", "250 %s\r\n", "250 Sender <> Ok\r\n",
		"214-Commands:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY EXPN ETRN\r\n",
		"252 Cannot VRFY user\r\n", "221 %s Goodbye\r\n")
	add("43-slmail", "198.51.100.204", "slmail.example.net",
		"220 %s SMTP Server SLmail 3.2.3113 Ready ESMTP spoken here\r\n",
		"250-%s says hello\r\n250-SIZE 0\r\n250-8BITMIME\r\n250-ETRN\r\n250 HELP\r\n", "250 %s says hello\r\n", "250 Sender OK\r\n",
		"214-Commands supported:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY ETRN\r\n",
		"252 Cannot VRFY user\r\n", "221 %s Service Closing\r\n")
	add("44-analogx", "198.51.100.213", "proxy.example.com",
		"220 SMTP AnalogX Proxy 4.07 (Release) ready\r\n",
		"500 Unknown command\r\n", "250 %s\r\n", "250 OK\r\n", "500 Unknown command\r\n", "500 Unknown command\r\n", "221 Bye\r\n")
	add("45-vpop3", "198.51.100.222", "vpop3.example.org",
		"220 %s VPOP3 SMTP Server Ready\r\n",
		"250-%s\r\n250-SIZE 0\r\n250 8BITMIME\r\n", "250 %s\r\n", "250 OK\r\n",
		"214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "502 Command not implemented\r\n", "221 Goodbye\r\n")
	add("46-ims", "198.51.100.231", "datcon.example.net",
		"220 %s IMS SMTP Receiver Version 0.84 Ready\r\n",
		receiverEH, "250 %s\r\n", "250 Sender <> Ok\r\n", cmdList, "252 Cannot VRFY user\r\n", "221 %s closing connection\r\n")
	add("47-mailmax", "198.51.100.240", "maxmail.example.com",
		"220 %s ESMTP (Mail-Max Version 3.520, Thu, 27 Sep 2001 13:50:02 -0700) ready\r\n",
		"250-%s Hello survey.example\r\n250-SIZE 0\r\n250 HELP\r\n", "250 %s Hello survey.example\r\n", "250 Sender OK\r\n",
		"214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY\r\n", "252 Cannot VRFY user\r\n", "221 %s closing connection\r\n")
	metaRest := []string{
		"250-%s Hello survey.example [" + client + "]\r\n250-SIZE\r\n250 HELP\r\n", "250 %s Hello survey.example [" + client + "]\r\n",
		"250 <>... Sender ok\r\n", "214-Commands:\r\n214 HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY\r\n",
		"252 Cannot VRFY user\r\n", "221 %s closing connection\r\n"}
	add("48-sendmailwindows", "198.51.100.249", "meta.example.org",
		append([]string{"220 %s MetaInfo Sendmail 3.0.2 ready at Thu, 27 Sep 2001 12:00:05 -0500\r\n"}, metaRest...)...)
	add("49-sendmailwindows", "203.0.113.4", "nt.example.net",
		append([]string{"220 %s ESMTP Metainfo Sendmail 2.5 ready\r\n"}, metaRest...)...)
	add("50-sendmailwindows", "203.0.113.13", "sfnt.example.com",
		"220 %s ESMTP Sendmail for NT 2.0.3; Thu, 27 Sep 2001 11:22:33 -0700\r\n",
		"250-%s Hello survey.example ["+client+"], pleased to meet you\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n",
		"503 5.0.0 %s Duplicate HELO/EHLO\r\n", "250 2.1.0 <>... Sender ok\r\n",
		"214-2.0.0 This is Sendmail for NT version 2.0.3\r\n214-2.0.0 Topics:\r\n214-2.0.0 \tHELO\tEHLO\tMAIL\tRCPT\tDATA\r\n214-2.0.0 \tRSET\tNOOP\tQUIT\tHELP\tVRFY\r\n214 2.0.0 End of HELP info\r\n",
		"252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery\r\n", "221 2.0.0 %s closing connection\r\n")
	add("51-ucx", "203.0.113.22", "vax.example.org",
		"220 %s Digital UCX V4.2-21 OpenVMS V7.2 SMTP server ready at Thu, 27 Sep 2001 09:14:02 -0400\r\n",
		"500 Unknown command\r\n", "250 %s Hello survey.example\r\n", "250 OK\r\n",
		"214-Commands:\r\n214 HELO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY EXPN\r\n", "250 <SYSTEM@%s>\r\n", "221 Goodbye\r\n")
	add("52-mdaemon", "203.0.113.31", "md4.example.com",
		"220 %s ESMTP MDaemon 4.0.5 UNREGISTERED; Thu, 27 Sep 2001 10:10:10 -0500\r\n",
		"250-%s Hello survey.example, pleased to meet you\r\n250-ETRN\r\n250-AUTH=LOGIN\r\n250-AUTH LOGIN CRAM-MD5\r\n250-8BITMIME\r\n250 SIZE 0\r\n",
		"250 %s Hello survey.example, pleased to meet you\r\n", "250 <>, Sender ok\r\n",
		"214-MDaemon SMTP Server Help\r\n214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY ETRN AUTH\r\n",
		"252 Cannot verify user\r\n", "221 See ya in cyberspace\r\n")
	add("53-mailshield", "203.0.113.40", "shield.example.net",
		"220 %s MailShield SMTP Server ready\r\n",
		"250-%s\r\n250-SIZE 0\r\n250 8BITMIME\r\n", "250 %s\r\n", "250 Sender OK\r\n",
		"214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "252 Cannot VRFY user\r\n", "221 %s closing connection\r\n")
	add("54-sendmail", "203.0.113.49", "mail.example.com",
		"220 %s ESMTP Sendmail 8.11.6/8.11.6; Thu, 27 Sep 2001 10:20:40 -0400\r\n",
		sendmail811EH, "503 5.0.0 %s Duplicate HELO/EHLO\r\n", "250 2.1.0 <>... Sender ok\r\n", sendmail811H,
		"250 2.1.5 Super-User <root@%s>\r\n", "221 2.0.0 %s closing connection\r\n")
	add("55-postoffice", "203.0.113.58", "po.example.org",
		"220 %s ESMTP server (Post.Office v3.5.3 release 223 ID# 0-64039U2500L250S0V35) ready Thu, 27 Sep 2001 09:12:58 -0500\r\n",
		"250-%s\r\n250-SIZE 0\r\n250-ETRN\r\n250-8BITMIME\r\n250 DSN\r\n", "250 %s\r\n", "250 Sender <> Ok\r\n",
		"214-The following commands are recognized:\r\n214-   HELO EHLO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY EXPN ETRN\r\n214 End of HELP info\r\n",
		"252 Cannot VRFY user\r\n", "221 %s ESMTP server closing connection\r\n")
	add("56-postfix", "203.0.113.67", "smtp.example.org",
		"220 %s ESMTP Postfix (Release-20010228)\r\n", postfixEH, "250 %s\r\n", "250 Ok\r\n",
		"502 Error: command not implemented\r\n", "252 postmaster\r\n", "221 Bye\r\n")
	add("57-exim", "203.0.113.76", "exim.example.net",
		"220 %s ESMTP Exim 3.22 #1 Thu, 27 Sep 2001 15:01:44 +0100\r\n",
		"250-%s Hello survey.example ["+client+"]\r\n250-SIZE\r\n250-PIPELINING\r\n250 HELP\r\n",
		"250 %s Hello survey.example ["+client+"]\r\n", "250 <> is syntactically correct\r\n",
		"214-Commands supported:\r\n214-    HELO EHLO MAIL RCPT DATA AUTH\r\n214     NOOP QUIT RSET HELP\r\n",
		"252 VRFY not available\r\n", "221 %s closing connection\r\n")
	add("58-norton", "203.0.113.85", "nav.example.com",
		"220 %s SMTP NAVGW 2.5 ready\r\n",
		"500 Syntax error, command unrecognized\r\n", "250 %s\r\n", nortonOK,
		"214 HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", "502 Command not implemented\r\n", nortonBye)
	add("59-smail", "203.0.113.94", "smail.example.org",
		"220 %s Smail3.2.0.111 #3 ready at Thu, 27 Sep 2001 10:00:00 -0500 (CDT)\r\n",
		"250-%s Hello survey.example ("+client+"), here's what we support:\r\n250-SIZE 0\r\n250-8BITMIME\r\n250-EXPN\r\n250 HELP\r\n",
		"250 %s Hello survey.example ("+client+")\r\n", "250 <> ... Sender Okay\r\n", smailHelp,
		"250 <postmaster@%s> ... deliverable\r\n", "221 %s closing connection\r\n")
	add("60-norton", "203.0.113.103", "navgw.example.net",
		"220 SMTP service ready\r\n", nortonHelp, nortonOK, nortonOK, nortonOK, nortonOK, nortonBye)
	add("61-norton", "203.0.113.112", "nav2.example.com",
		nortonHelp, nortonOK, "220 SMTP service ready\r\n", nortonOK, nortonOK, nortonOK, nortonBye)
	add("62-norton", "203.0.113.121", "nav3.example.org",
		"214-Commands:\r\r\n214-\tDATA\tRCPT\tMAIL\tQUIT\tRSET\r\r\n214 \tHELO\tVRFY\tEXPN\tHELP\tNOOP\r\n",
		nortonOK, "220 SMTP service ready\r\n", nortonOK, nortonOK, nortonOK, nortonBye)
	add("63-postfix", "203.0.113.130", "relay.example.org",
		"220 %s ESMTP\r\n", postfixEH, "250 %s\r\n", "250 Ok\r\n",
		"502 Error: command not implemented\r\n", "252 postmaster\r\n", "221 Bye\r\n")
	add("64-howdoareyou", "203.0.113.139", "home.example.net",
		"220 %s SMTP, Pleased to be speaking with you\n",
		"500 EHLO command is not recognized at this site\n",
		"250 %s Hello survey.example, How do are you doing today, my friend?\n", "250 Sender ok\n",
		"500 HELP command is not recognized at this site\n", "500 VRFY command is not recognized at this site\n",
		"221 Goodbye, have a nice day\n")
	add("65-sendmail", "203.0.113.148", "mx.example.com",
		"220 %s ESMTP MTA ready; Thu, 27 Sep 2001 11:05:19 -0400\r\n",
		"250-%s Hello survey.example ["+client+"], pleased to meet you\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250-ONEX\r\n250-XUSR\r\n250 HELP\r\n",
		"503 5.0.0 %s Duplicate HELO/EHLO\r\n", "250 2.1.0 <>... Sender ok\r\n",
		"502 5.3.0 Sendmail 8.11.6 -- HELP not implemented\r\n",
		"252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery (or try finger)\r\n", "221 2.0.0 %s closing connection\r\n")
	add("66-sendmail", "203.0.113.157", "gw.example.org",
		"220 %s ESMTP server ready Thu, 27 Sep 2001 08:44:03 -0700\r\n",
		"250-%s Hello survey.example ["+client+"], pleased to meet you\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250-ONEX\r\n250-XUSR\r\n250 HELP\r\n",
		"503 %s Duplicate HELO/EHLO\r\n", "250 <>... Sender ok\r\n",
		"502 Sendmail 8.9.3 -- HELP not implemented\r\n",
		"252 Cannot VRFY user; try RCPT to attempt delivery (or try finger)\r\n", "221 %s closing connection\r\n")
	add("67-obtuse", "203.0.113.166", "juniper.example.net",
		"220 %s SMTP Ready.\r\n",
		"500 Command unrecognized\r\n", "250 %s Hello survey.example\r\n", "250 <>... Sender Ok\r\n",
		"214-Commands: HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n214 Note: forging of mail requires recognizable SMTP; all sessions are logged\r\n",
		"500 Command unrecognized\r\n", "221 Closing connection\r\n")
	add("68-sendmail", "203.0.113.175", "old.example.com",
		"220-Sendmail 8.6.12/8.6.12 ready at Thu, 27 Sep 2001 09:15:01 -0400\r\n220 ESMTP spoken here\r\n",
		"250-%s Hello survey.example ["+client+"], pleased to meet you\r\n250-EXPN\r\n250-SIZE\r\n250 HELP\r\n",
		"250 %s Hello survey.example ["+client+"], pleased to meet you\r\n", "250 <>... Sender ok\r\n",
		"502 HELP not implemented\r\n", "250 <root@%s>\r\n", "221 %s closing connection\r\n")
	// An HTTP server on port 25 sends nothing until it has a request line:
	// the greeting read times out, the scanner sends EHLO anyway, Apache
	// takes "EHLO survey.example" for an HTTP/0.9 request, answers with a
	// bare error page (no status line, so "<!DOCTYPE" directly follows the
	// address in the seed view) and closes the connection.
	http := add("69-http", "203.0.113.184", "www.example.com", "",
		"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<HTML><HEAD>\n<TITLE>400 Bad Request</TITLE>\n</HEAD><BODY>\n<H1>Bad Request</H1>\nYour browser sent a request that this server could not understand.<P>\nInvalid URI in request EHLO survey.example<P>\n<HR>\n<ADDRESS>Apache/1.3.20 Server at %s Port 80</ADDRESS>\n</BODY></HTML>\n")
	http.errs = []string{"timeout", "closed"}
	http.err = "connection closed after EHLO"
	// Cisco PIX's mailguard turns the banner into asterisks and every
	// command it does not pass into XXXX; a sendmail answers behind it.
	add("70-stars", "203.0.113.193", "pix.example.org",
		"220 ****************************************************************0*0*0*2*0*0*0*0\r\n",
		"500 5.5.1 Command unrecognized: \"XXXX survey.example\"\r\n",
		"250 %s Hello survey.example ["+client+"], pleased to meet you\r\n", "250 2.1.0 <>... Sender ok\r\n",
		"500 5.5.1 Command unrecognized: \"XXXX\"\r\n", "500 5.5.1 Command unrecognized: \"XXXX postmaster\"\r\n",
		"221 2.0.0 %s closing connection\r\n")
	add("default-notsure", "192.0.2.250", "post.example.net",
		"220 %s ESMTP Mail Service ready\r\n",
		"250-%s\r\n250-SIZE 5242880\r\n250-8BITMIME\r\n250 HELP\r\n", "250 %s\r\n", "250 2.1.0 Sender OK\r\n",
		"214-Commands: HELO EHLO MAIL RCPT DATA\r\n214 RSET NOOP QUIT HELP VRFY\r\n", "252 2.5.2 Cannot verify user\r\n", "221 2.0.0 Bye\r\n")
	return cs
}

func main() {
	dir := "djb2001"
	old, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	for _, f := range old {
		os.Remove(f)
	}
	start := time.Date(2001, 9, 27, 14, 3, 11, 0, time.UTC)
	for i, c := range cases() {
		rec := transcript.Record{
			Addr:      c.addr,
			PTR:       c.ptr,
			PTRStatus: "ok",
			// Spread over the survey's week, 2001-09-27 to 2001-10-03.
			Time:     start.Add(time.Duration(i)*2*time.Hour + time.Duration(i*i%3600)*time.Second),
			Outcome:  transcript.Greeted,
			Code:     transcript.ReplyCode([]byte(c.replies[0])),
			Error:    c.err,
			Dialogue: "smtpfp/1",
		}
		for j, r := range c.replies {
			s := transcript.Step{Cmd: commands[j], Reply: []byte(r)}
			if j < len(c.errs) {
				s.Err = c.errs[j]
			}
			rec.Steps = append(rec.Steps, s)
		}
		var buf bytes.Buffer
		if err := transcript.NewWriter(&buf).Write(&rec); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.name+".jsonl"), buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
