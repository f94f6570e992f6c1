package corpus

import "strconv"

// Made-up products: no seed pattern names them, so gawk prints "not sure"
// for most unknown servers unless a mutation or a phrase below happens to
// hit a pattern, which is the differential test's business, not ours.
var (
	products = []string{"MailGate", "RelayD", "PostHouse", "Mailwall", "SpamGuard", "ZMTA", "CommGate",
		"MX-Server", "NetPost", "CourierGate", "AcmeMail", "mailfront", "InterMail Lite", "Pony Express"}
	banners = []string{"ESMTP", "ESMTP ready", "SMTP ready", "Mail server ready", "SMTP Server ready",
		"ESMTP service ready", "Simple Mail Transfer Service Ready", "ready", "ESMTP Service ready; send mail",
		"SMTP service ready", "ESMTP spoken here"}
	extensions = []string{"PIPELINING", "SIZE 10485760", "SIZE", "8BITMIME", "ETRN", "DSN", "HELP", "EXPN",
		"VRFY", "AUTH LOGIN PLAIN", "AUTH=LOGIN", "ENHANCEDSTATUSCODES", "STARTTLS", "XUSR", "ONEX", "TURN"}
	verbs    = []string{"HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "HELP", "VRFY", "EXPN", "ETRN", "AUTH", "TURN"}
	verbHelp = []string{
		"HELO <hostname>          - introduce yourself",
		"EHLO <hostname>          - introduce yourself, ask for extensions",
		"MAIL FROM:<sender>       - start a mail transaction",
		"RCPT TO:<recipient>      - name a recipient",
		"DATA                     - send the message text, end with a lone dot",
		"RSET                     - abort the current transaction",
		"NOOP                     - do nothing",
		"QUIT                     - close the connection",
		"HELP [command]           - show this help",
		"VRFY <address>           - verify an address (disabled)",
		"EXPN <list>              - expand a mailing list (disabled)",
		"ETRN <domain>            - start the queue for a domain",
		"AUTH <mechanism>         - authenticate",
		"TURN                     - reverse roles (not supported)",
	}
	mailOK    = []string{"250 OK\r\n", "250 ok\r\n", "250 2.1.0 Sender OK\r\n", "250 Sender accepted\r\n", "250 <> ok\r\n", "250 Ok\r\n"}
	vrfyReply = []string{"252 Cannot VRFY user\r\n", "502 VRFY disabled\r\n", "550 User unknown\r\n",
		"252 2.5.2 Cannot verify user, but will accept message\r\n", "500 Command not recognized\r\n"}
	notSMTP = []string{
		"SSH-1.99-OpenSSH_2.9p2\r\n",
		"+OK POP3 server ready <1234.1001612345@pop.example.net>\r\n",
		"* OK IMAP4rev1 server ready\r\n",
		"220 ProFTPD 1.2.2 Server ready.\r\n",
		"\x00\x00\x00\x1f\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfd\x1f",
		"\xff\xfd\x18\xff\xfd\x20\xff\xfd\x23\xff\xfd\x27\r\nlogin: ",
	}
)

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// unknown makes a server no case records: an ordinary SMTP server under a
// made-up name, or (one time in eight) something that is not SMTP at all.
func (g *Generator) unknown() {
	if g.rng.IntN(8) == 0 {
		s := g.step("", "")
		s.reply = append(s.reply, g.pick(notSMTP)...)
		for _, cmd := range commands[1:] {
			s := g.step(cmd, "")
			if g.rng.IntN(3) == 0 {
				s.reply = append(s.reply, "500 "...)
				s.reply = append(s.reply, cmd...)
				s.reply = append(s.reply, ": command not understood\r\n"...)
			}
		}
		return
	}
	product := g.pick(products)
	version := func(b []byte) []byte {
		b = strconv.AppendInt(b, int64(1+g.rng.IntN(9)), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(g.rng.IntN(20)), 10)
		if g.rng.IntN(2) == 0 {
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(g.rng.IntN(100)), 10)
		}
		return b
	}
	date := func(b []byte) []byte {
		return g.when.In(g.zone).AppendFormat(b, "Mon, 2 Jan 2006 15:04:05 -0700")
	}

	// greeting
	s := g.step("", "")
	if g.rng.IntN(5) == 0 {
		s.reply = append(s.reply, "220-"...)
		s.reply = append(s.reply, g.host...)
		s.reply = append(s.reply, " -- unauthorized use prohibited, all connections are logged\r\n220-Mail from dynamic addresses is not accepted here.\r\n"...)
	}
	s.reply = append(s.reply, "220 "...)
	s.reply = append(s.reply, g.host...)
	s.reply = append(s.reply, ' ')
	switch g.rng.IntN(3) {
	case 0:
		s.reply = append(s.reply, g.pick(banners)...)
	case 1:
		s.reply = append(s.reply, "ESMTP "...)
		s.reply = append(s.reply, product...)
		s.reply = append(s.reply, ' ')
		s.reply = version(s.reply)
		s.reply = append(s.reply, " ready at "...)
		s.reply = date(s.reply)
	default:
		s.reply = append(s.reply, product...)
		s.reply = append(s.reply, " SMTP server "...)
		s.reply = version(s.reply)
		s.reply = append(s.reply, "; "...)
		s.reply = date(s.reply)
	}
	s.reply = append(s.reply, "\r\n"...)

	// EHLO
	s = g.step(commands[1], "")
	if g.rng.IntN(4) == 0 {
		s.reply = append(s.reply, "500 Command not recognized\r\n"...)
	} else {
		s.reply = append(s.reply, "250-"...)
		s.reply = append(s.reply, g.host...)
		if g.rng.IntN(2) == 0 {
			s.reply = append(s.reply, " Hello survey.example ["...)
			s.reply = append(s.reply, g.client...)
			s.reply = append(s.reply, ']')
		}
		s.reply = append(s.reply, "\r\n"...)
		n := 1 + g.rng.IntN(8)
		for i := 0; i < n; i++ {
			if i == n-1 {
				s.reply = append(s.reply, "250 "...)
			} else {
				s.reply = append(s.reply, "250-"...)
			}
			s.reply = append(s.reply, g.pick(extensions)...)
			s.reply = append(s.reply, "\r\n"...)
		}
	}

	// HELO
	s = g.step(commands[2], "")
	s.reply = append(s.reply, "250 "...)
	s.reply = append(s.reply, g.host...)
	if g.rng.IntN(2) == 0 {
		s.reply = append(s.reply, " Hello survey.example"...)
	}
	s.reply = append(s.reply, "\r\n"...)

	// MAIL
	s = g.step(commands[3], "")
	s.reply = append(s.reply, g.pick(mailOK)...)

	// HELP
	s = g.step(commands[4], "")
	switch g.rng.IntN(5) {
	case 0:
		s.reply = append(s.reply, "502 5.3.0 HELP not implemented\r\n"...)
	case 4, 3:
		s.reply = append(s.reply, "214-The following commands are recognized:\r\n"...)
		for _, i := range g.rng.Perm(len(verbHelp))[:6+g.rng.IntN(len(verbHelp)-5)] {
			s.reply = append(s.reply, "214-    "...)
			s.reply = append(s.reply, verbHelp[i]...)
			s.reply = append(s.reply, "\r\n"...)
		}
		s.reply = append(s.reply, "214-For more information about a command, use HELP <command>.\r\n214 End of HELP info\r\n"...)
	case 1:
		s.reply = append(s.reply, "214-This is "...)
		s.reply = append(s.reply, product...)
		s.reply = append(s.reply, ' ')
		s.reply = version(s.reply)
		s.reply = append(s.reply, "\r\n214-Topics:\r\n"...)
		fallthrough
	default:
		n := 2 + g.rng.IntN(4)
		for i := 0; i < n; i++ {
			if i == n-1 {
				s.reply = append(s.reply, "214 "...)
			} else {
				s.reply = append(s.reply, "214-"...)
			}
			for k := 0; k < 5; k++ {
				s.reply = append(s.reply, "    "...)
				s.reply = append(s.reply, g.pick(verbs)...)
			}
			s.reply = append(s.reply, "\r\n"...)
		}
	}

	// VRFY, QUIT
	s = g.step(commands[5], "")
	s.reply = append(s.reply, g.pick(vrfyReply)...)
	s = g.step(commands[6], "")
	s.reply = append(s.reply, "221 "...)
	s.reply = append(s.reply, g.host...)
	s.reply = append(s.reply, " closing connection\r\n"...)
}
