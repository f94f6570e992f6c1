package corpus

// The 1996 survey's software, as simulated transcripts. The 1996 post
// publishes its tally but neither its script nor a single transcript, so
// every dialogue here is reconstructed, not recorded: the greeting of a
// product from its tally name (which is what most 1996 servers said of
// themselves: "Smail 3.1", "IMS SMTP Receiver", "AltaVista Firewall
// (SMTPXD)") and, where the 2001 patterns show how the same software
// answered later, from those; the HELP replies from the name too ("Most of
// them responded to HELP"), and from the 2001 patterns for Sendmail,
// Smail, qmail and NT Mail. The four "Unknown (...)" rows quote what an
// unidentified server said; the post does not say in which reply, so the
// greeting or HELP reply was picked where such a phrase would sit. The
// version mix of Sendmail is not in the post at all: it is chosen (see
// sendmail96) and stated here so that a report's advisory count can be
// traced to it.

import (
	"fmt"
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
)

// Tally1996 is the software tally of the 1996 survey, in the post's order:
// 50 rows over the 26070 addresses that produced a greeting.
var Tally1996 = []Row{
	{20963, "Sendmail"}, {628, "not sure"}, {514, "Mercury"}, {376, "Smail 3.1"}, {375, "Post.Office"},
	{362, "NT Mail"}, {266, "TGV/MultiNet"}, {231, "smap"}, {200, "MS Exchange"}, {194, "Netscape Mail Server"},
	{187, "MMDF"}, {183, "UCX"}, {171, "AIMS"}, {123, "Unknown (The normal sequence of events in sending a message)"},
	{110, "IMS SMTP Receiver"}, {89, "SLmail"}, {76, "Zmailer"}, {75, "Unknown (All set, fire away)"},
	{72, "VMS MX"}, {71, "EMWAC SMTP Receiver"}, {69, "PMDF"}, {66, "Unknown (Simple Mail Transfer Service Ready)"},
	{58, "IMail"}, {57, "Unknown (Help ... Not recognized)"}, {51, "MetaInfo Sendmail"}, {51, "Mail*Link"},
	{48, "GroupWise"}, {40, "Lotus SMTP MTA"}, {34, "Major BBS"}, {31, "qmail"}, {29, "PP"},
	{28, "NetManage SMTP Service"}, {27, "IMA SMTP"}, {27, "Connect2-SMTP"}, {21, "IBM VM SMTP"},
	{20, "Raptor firewall (Generic SMTP Handler)"}, {19, "AltaVista Mail"}, {18, "Worldgroup SMTP server"},
	{18, "MailShare"}, {15, "Wollongong SMTP"}, {15, "TFS Gateway"}, {12, "SMTP-OpenVMS"}, {12, "Exim"},
	{10, "AltaVista Firewall (SMTPXD)"}, {9, "MailSite SMTP Receiver"}, {7, "ListSTAR"}, {4, "NASTA Gate"},
	{3, "Pony Express"}, {3, "MindWire-SMTP"}, {2, "CommuniGate SMTPGate"},
}

// Outcomes1996 is the 1996 survey's outcome list: of 500000 addresses
// sampled from a list of 12795635, how many had each outcome.
var Outcomes1996 = []struct {
	Outcome transcript.Outcome
	Count   int
}{
	{transcript.TimedOut, 294526},
	{transcript.HostUnreachable, 92146},
	{transcript.Refused, 56261},
	{transcript.NetUnreachable, 29252},
	{transcript.ProtoUnavailable, 1265},
	{transcript.Dropped, 365}, // the post's "immediate disconnect"
	{transcript.NotOnNetwork, 110},
	{transcript.NotSupported, 5},
	{transcript.Greeted, 26070},
}

// Weighted is a simulated case with the share (Weight, out of the
// weights of its product's cases) of the product's hosts that answer so.
type Weighted struct {
	Case
	Weight int
}

// host and addr stand for the simulated server's name and address in
// the cases; a simulated world puts each host's own in their place.
const (
	host96 = "mail.example.com"
	addr96 = "192.0.2.1"
	// the scanner as the server saw it (HELO and EHLO replies)
	client96 = "survey.example [192.0.2.250]"
)

// dialogue96 is a 1996 server's answers to the scanner's commands. Empty
// fields take the generic answers of the time: EHLO was not yet widely
// known ("500 Command unrecognized"), HELO, MAIL, RCPT and RSET were
// accepted (RCPT to a foreign domain too: almost every server relayed).
type dialogue96 struct {
	weight                       int
	version                      string // the version the greeting or HELP shows, for documentation
	greeting                     string
	ehlo, helo, mail, rcpt, rset string
	help, vrfy, quit             string
}

// sendmailHelp86 and sendmailHelp87 are the HELP replies of Sendmail 8.6
// and 8.7/8.8 (their helpfile), whose first line names the version, as
// the 2001 pattern /214-This is Sendmail / shows.
func sendmailHelp(v string) string {
	topics := "214-\tHELO\tMAIL\tRCPT\tDATA\r\n214-\tRSET\tNOOP\tQUIT\tHELP\r\n214-\tVRFY\tEXPN\tVERB\r\n"
	bugs := "sendmail@CS.Berkeley.EDU"
	if !strings.HasPrefix(v, "8.6") {
		topics = "214-\tHELO\tEHLO\tMAIL\tRCPT\tDATA\r\n214-\tRSET\tNOOP\tQUIT\tHELP\tVRFY\r\n214-\tEXPN\tVERB\r\n"
		bugs = "sendmail-bugs@sendmail.org"
	}
	return "214-This is Sendmail version " + v + "\r\n214-Topics:\r\n" + topics +
		"214-For more info use \"HELP <topic>\".\r\n214-To report bugs in the implementation send email to\r\n214-\t" + bugs +
		".\r\n214-For local information send email to Postmaster at your site.\r\n214 End of HELP info\r\n"
}

// sendmailHelp5 is the HELP reply of Sendmail 5, which does not name its
// version there.
const sendmailHelp5 = "214-Commands:\r\n214-    HELO    MAIL    RCPT    DATA    RSET\r\n214-    NOOP    QUIT    HELP    VRFY    EXPN\r\n" +
	"214-For more info use \"HELP <topic>\".\r\n214-To report bugs in the implementation send email to\r\n214-    sendmail@CS.Berkeley.EDU.\r\n" +
	"214-For local information contact postmaster at this site.\r\n214 End of HELP info\r\n"

func sendmail8(weight int, v, hidden string) dialogue96 {
	g := fmt.Sprintf("220 %s Sendmail %s/8.6.9 ready at Wed, 27 Nov 1996 02:13:07 -0600\r\n", host96, v)
	if hidden != "" {
		g = "220 " + host96 + " " + hidden + "\r\n"
	}
	return dialogue96{weight: weight, version: v, greeting: g,
		ehlo: "250-" + host96 + " Hello " + client96 + ", pleased to meet you\r\n250-EXPN\r\n250-SIZE\r\n250 HELP\r\n",
		helo: "250 " + host96 + " Hello " + client96 + ", pleased to meet you\r\n",
		mail: "250 <>... Sender ok\r\n", rcpt: "250 <relay-probe@example.com>... Recipient ok\r\n",
		rset: "250 Reset state\r\n", help: sendmailHelp(v), vrfy: "250 <postmaster@" + host96 + ">\r\n",
		quit: "221 " + host96 + " closing connection\r\n"}
}

func sendmail5(weight int, v string) dialogue96 {
	return dialogue96{weight: weight, version: v,
		greeting: fmt.Sprintf("220 %s Sendmail %s/4.7 ready at Wed, 27 Nov 96 02:13:07 -0600\r\n", host96, v),
		helo:     "250 " + host96 + " Hello " + client96 + ", pleased to meet you\r\n",
		mail:     "250 <>... Sender ok\r\n", rcpt: "250 <relay-probe@example.com>... Recipient ok\r\n",
		rset: "250 Reset state\r\n", help: sendmailHelp5, vrfy: "250 <postmaster@" + host96 + ">\r\n",
		quit: "221 " + host96 + " closing connection\r\n"}
}

// sendmail96 is the simulated version mix of the 1996 Sendmail hosts, in
// percent. The post gives none; this one is chosen, and says so: Sendmail
// 5 and 8.6 before 8.6.10 on two fifths, 8.7 to 8.7.5 (the current
// release for most of 1996) on more than half, the fixed 8.6.12, 8.7.6
// and 8.8.2 on 4%, and 4% whose greeting hides the name but whose HELP
// gives it away.
var sendmail96 = []dialogue96{
	sendmail5(10, "5.65"),
	sendmail5(10, "5.67"),
	sendmail8(20, "8.6.9", ""),
	sendmail8(2, "8.6.12", ""),
	sendmail8(18, "8.7.3", ""),
	sendmail8(34, "8.7.5", ""),
	sendmail8(1, "8.7.6", ""),
	sendmail8(1, "8.8.2", ""),
	sendmail8(4, "8.7.5", "ESMTP ready at Wed, 27 Nov 1996 02:13:07 -0600"),
}

// genericHelp is a HELP reply that names no software.
const genericHelp = "214-Commands:\r\n214-    HELO    MAIL    RCPT    DATA    RSET\r\n214     NOOP    QUIT    HELP\r\n"

// smailHelp is Smail 3.1's HELP reply, ending in the sentence the 2001
// pattern for Smail and the 1996 tally's "Unknown (The normal sequence of
// events in sending a message)" quote.
const smailHelp = "250-The following SMTP commands are recognized:\r\n250-\r\n250-   HELO hostname                   - startup and give your hostname\r\n" +
	"250-   MAIL FROM:<sender-address>      - start transaction from sender\r\n250-   RCPT TO:<recipient-address>     - name recipient for message\r\n" +
	"250-   VRFY <address>                  - verify deliverability of address\r\n250-   EXPN <address>                  - expand mailing list address\r\n" +
	"250-   DATA                            - start text of mail message\r\n250-   RSET                            - reset state, drop transaction\r\n" +
	"250-   NOOP                            - do nothing\r\n250-   DEBUG [level]                   - set debugging level, default 1\r\n" +
	"250-   HELP                            - produce this help message\r\n250-   QUIT                            - close SMTP connection\r\n250-\r\n" +
	"250-The normal sequence of events in sending a message is to state the\r\n250-sender address with a MAIL FROM command, give the recipients with\r\n" +
	"250-as many RCPT TO commands as are required (one address per command)\r\n250 and then to specify the mail message text after the DATA command.\r\n"

// products96 are the simulated dialogues of every tally row but Sendmail:
// the greeting (after "220 HOST ") and, when it is not genericHelp, the
// HELP reply, and the RCPT reply when the software did not relay.
var products96 = []struct {
	name, greeting, help, rcpt string
}{
	{"Mercury", "Mercury SMTP server ready.", "214 Mercury for NetWare: HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", ""},
	{"Smail 3.1", "Smail3.1.28.1 #4 ready at Wed, 27 Nov 96 02:13 CST", smailHelp, ""},
	{"Post.Office", "ESMTP server (Post.Office v1.9.3 release 113 ID# 0-0U10L2S100) ready Wed, 27 Nov 1996 02:13:07 -0600", "", ""},
	{"NT Mail", "(NTMail v3.01.04) ready for ESMTP transfer", "214- This is an NT Server running Internet Shopper Ltd's NTMail\r\n214 Commands: HELO MAIL RCPT DATA RSET NOOP QUIT HELP\r\n", ""},
	{"TGV/MultiNet", "MultiNet SMTP Server Process V3.5(14) at Wed, 27 Nov 1996 02:13:07 CST", "", ""},
	{"smap", "SMTP/smap Ready.", "500 Command unrecognized\r\n", ""},
	{"MS Exchange", "Microsoft Exchange Internet Mail Connector 4.0.994.63 ready", "", ""},
	{"Netscape Mail Server", "ESMTP server (Netscape Mail Server v2.02) ready Wed, 27 Nov 1996 02:13:07 -0600", "", ""},
	{"MMDF", "Server SMTP (Complaints/bugs to:  postmaster@" + host96 + ")", "214-The following commands are accepted:\r\n214-helo noop mail data rcpt help quit rset expn vrfy\r\n214 Send complaints/bugs to:  postmaster@" + host96 + "\r\n", ""},
	{"UCX", "DEC TCP/IP Services for OpenVMS UCX V4.0 SMTP server ready at Wed, 27 Nov 1996 02:13:07 -0600", "", ""},
	{"AIMS", "Apple Internet Mail Server (AIMS) 1.0 ready", "", ""},
	{"Unknown (The normal sequence of events in sending a message)", "ready at Wed, 27 Nov 96 02:13 CST", smailHelp, ""},
	{"IMS SMTP Receiver", "IMS SMTP Receiver Version 0.83 Ready", "", ""},
	{"SLmail", "SMTP Server SLmail v2.0 Ready ESMTP spoken here", "", ""},
	{"Zmailer", "ZMailer Server 2.99.38 #1 ESMTP ready at Wed, 27 Nov 1996 09:13:07 +0100", "", ""},
	{"Unknown (All set, fire away)", "All set, fire away", "", ""},
	{"VMS MX", "MX V4.2 VAX SMTP server ready at Wed, 27 Nov 1996 02:13:07 CST", "", ""},
	{"EMWAC SMTP Receiver", "EMWAC SMTP Receiver Version 0.82 Ready", "", ""},
	{"PMDF", "-- Server SMTP (PMDF V5.0-7 #13017)", "", ""},
	{"Unknown (Simple Mail Transfer Service Ready)", "Simple Mail Transfer Service Ready", "", ""},
	{"IMail", "(IMail 2.1 70401-3) NT-SMTP Server X1", "", ""},
	{"Unknown (Help ... Not recognized)", "SMTP ready", "500 Help ... Not recognized\r\n", ""},
	{"MetaInfo Sendmail", "MetaInfo Sendmail 2.0 ready at Wed, 27 Nov 1996 02:13:07 -0600", "", ""},
	{"Mail*Link", "Mail*Link SMTP/POP ready", "", ""},
	{"GroupWise", "Ready (GroupWise SMTP/MIME Gateway v4.1)", "", ""},
	{"Lotus SMTP MTA", "Lotus SMTP MTA Service Ready", "", ""},
	{"Major BBS", "The Major BBS SMTP service ready", "", ""},
	{"qmail", "ESMTP", "214 qmail home page: http://pobox.com/~djb/qmail.html\r\n", "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\r\n"},
	{"PP", "SMTP Server (PP 6.0) ready", "", ""},
	{"NetManage SMTP Service", "NetManage SMTP Service (v5.0) ready", "", ""},
	{"IMA SMTP", "IMA SMTP v1.0 ready", "", ""},
	{"Connect2-SMTP", "Connect2-SMTP 4.00 MHS to SMTP gateway ready", "", ""},
	{"IBM VM SMTP", "running IBM VM SMTP V2R2 on Wed, 27 Nov 96 02:13:07 CST", "", ""},
	{"Raptor firewall (Generic SMTP Handler)", "SMTP Generic SMTP Handler ready", "", "550 relaying denied\r\n"},
	{"AltaVista Mail", "AltaVista Mail V1.0/1.0 BL16 SMTP ready", "", ""},
	{"Worldgroup SMTP server", "Worldgroup SMTP server ready", "", ""},
	{"MailShare", "MailShare SMTP server ready", "", ""},
	{"Wollongong SMTP", "Wollongong SMTP server ready", "", ""},
	{"TFS Gateway", "TFS Gateway /122/ SMTP ready", "", ""},
	{"SMTP-OpenVMS", "SMTP-OpenVMS V1.1 ready", "", ""},
	{"Exim", "ESMTP Exim 0.56 #1 Wed, 27 Nov 1996 08:13:07 +0000", "", ""},
	{"AltaVista Firewall (SMTPXD)", "SMTPXD (AltaVista Firewall) ready", "", "550 relaying denied\r\n"},
	{"MailSite SMTP Receiver", "MailSite SMTP Receiver Version 1.0 Ready", "", ""},
	{"ListSTAR", "ListSTAR SMTP ready", "", ""},
	{"NASTA Gate", "NASTA Gate SMTP ready", "", ""},
	{"Pony Express", "Pony Express SMTP server ready", "", ""},
	{"MindWire-SMTP", "MindWire-SMTP ready", "", ""},
	{"CommuniGate SMTPGate", "CommuniGate SMTPGate ready", "", ""},
}

// notSure96 are servers that say nothing that names their software.
var notSure96 = []string{"SMTP server ready", "Service ready", "ESMTP service ready at Wed, 27 Nov 1996 02:13:07 -0600"}

// Cases1996 returns the simulated cases of a 1996 tally row (nil for a
// name not in Tally1996), with their weights. Each call returns fresh
// records.
func Cases1996(name string) []Weighted {
	var ds []dialogue96
	switch name {
	case "Sendmail":
		ds = sendmail96
	case "not sure":
		for _, g := range notSure96 {
			ds = append(ds, dialogue96{weight: 1, greeting: "220 " + host96 + " " + g + "\r\n", help: genericHelp})
		}
	default:
		for _, p := range products96 {
			if p.name == name {
				d := dialogue96{weight: 1, greeting: "220 " + host96 + " " + p.greeting + "\r\n", help: p.help, rcpt: p.rcpt}
				if d.help == "" {
					d.help = genericHelp
				}
				ds = append(ds, d)
			}
		}
	}
	var out []Weighted
	for i, d := range ds {
		out = append(out, Weighted{Case: Case{Name: fmt.Sprintf("1996-%s-%d", name, i), Rule: -1, Want: name, Record: d.record()}, Weight: d.weight})
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (d dialogue96) record() transcript.Record {
	step := func(cmd, reply string) transcript.Step { return transcript.Step{Cmd: cmd, Reply: []byte(reply)} }
	return transcript.Record{
		Addr: addr96, PTR: host96, PTRStatus: "ok", Outcome: transcript.Greeted, Code: 220, Dialogue: "smtpfp/1",
		Steps: []transcript.Step{
			step("", d.greeting),
			step("EHLO survey.example", or(d.ehlo, "500 Command unrecognized\r\n")),
			step("HELO survey.example", or(d.helo, "250 "+host96+"\r\n")),
			step("MAIL FROM:<>", or(d.mail, "250 OK\r\n")),
			step("RCPT TO:<relay-probe@example.com>", or(d.rcpt, "250 OK\r\n")),
			step("RSET", or(d.rset, "250 OK\r\n")),
			step("HELP", d.help),
			step("VRFY postmaster", or(d.vrfy, "252 Cannot VRFY user\r\n")),
			step("QUIT", or(d.quit, "221 "+host96+" closing connection\r\n")),
		},
	}
}
