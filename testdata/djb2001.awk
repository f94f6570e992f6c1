# djb2001.awk: the 2001 survey's patterns as the post published them, run by
# gawk over lines "ADDRESS TRANSCRIPT" (the seed view: CR shown as M, LF as
# a space). The differential tests use it as the oracle for
# rules/djb2001.fp. Run it as: LC_ALL=C gawk -f testdata/djb2001.awk
#
# Not in the post: the BEGIN block, which gives each variable the tally row
# it stands for; the 554 rule, for the tally's "connection failed: 554" row;
# and the final "not sure". Everything between them is the post's text byte
# for byte, TABs included.
BEGIN {
	qmail = "UNIX qmail"
	ntmail = "Windows Gordano NTMail"
	mercur = "Windows Atrium MERCUR"
	tfbbs = "MacOS TeleFinder Mail Server"
	sims = "UNIX iPlanet/Sun Internet Mail Server"
	stalker = "MacOS Stalker Internet Mail Server"
	checkpoint = "UNIX/Windows Check Point firewall"
	microsoft = "Windows Microsoft Exchange or IIS SMTP"
	mercury = "Windows Mercury"
	imailds = "Windows Digital Integrations i-MailDS"
	letterrip = "MacOS Fog City Software LetterRip Pro"
	raptor = "UNIX/Windows Raptor firewall"
	mdaemon = "Windows Deerfield.com MDaemon"
	mailsite = "Windows Rockliffe MailSite"
	james = "UNIX/Windows JAMES SMTP Server"
	vopmail = "Windows Vircom VOP Mail"
	firstclass = "MacOS/Windows FirstClass"
	imail = "Windows Ipswitch IMail"
	groupwise = "UNIX/Windows GroupWise"
	worldmail = "Windows Eudora Worldmail"
	pmdf = "VMS PMDF"
	lotusdomino = "UNIX/Windows Lotus Domino"
	smap = "UNIX smap"
	winroute = "Windows Tiny Software WinRoute Pro"
	dmail = "UNIX/Windows NetWin Dmail"
	argosoft = "Windows ArGoSoft Mail Server"
	sendmail = "UNIX Sendmail"
	postfix = "UNIX IBM Postfix, formerly VMailer"
	netscape = "UNIX/Windows Netscape Messaging Server, formerly Netscape Mail Server"
	slmail = "Windows Seattle Lab SLmail"
	analogx = "Windows Thompson AnalogX"
	vpop3 = "Windows Paul Smith VPOP3"
	ims = "UNIX/Windows DatCon IMS"
	mailmax = "Windows SmartMax MailMax"
	sendmailwindows = "Windows Sendmail"
	ucx = "VMS Digital UCX"
	mailshield = "UNIX/Windows Lyris MailShield"
	postoffice = "UNIX/Windows Software.com Post.Office"
	exim = "UNIX Exim"
	norton = "Windows Norton AntiVirus"
	smail = "UNIX Smail"
	obtuse = "UNIX Obtuse SMTPD"
}

/^[^ ]* 554[ -]/ { print "connection failed: 554"; next }

/ ESMTP CPMTA-3_5_0_4 .*M.252 send some mail, i.ll try my bestM.221 / { print qmail; next } # critical path
/214 qmail home page: http:..pobox.com..djb.qmail.htmlM/ { print qmail; next }
/214-qmail home page: http:..pobox.com..djb.qmail.htmlM/ { print qmail; next }
/M.214- This is an NT Server running Gordano Ltd/ { print ntmail; next }
/MERCUR SMTP-Server .v.* for Windows NT ready at/ { print mercur; next }
/ Mail Server 5.7 .* support@spiderisland.com/ { print tfbbs; next }
/ -- Server ESMTP .iPlanet Messaging Server / { print sims; next }
/ Stalker Software.*cgp-support@stalker.com/ { print stalker; next }
/ CheckPoint FireWall-1 secure SMTP server/ { print checkpoint; next }
/Microsoft Exchange Internet Mail Service / { print microsoft; next }
/ Mercury 1.[0-9]* ESMTP server ready.M/ { print mercury; next }
/You are talking to an i-MailDS server / { print imailds; next }
/ ESMTP Exchange POP3 .4.0.1108. ready/ { print microsoft; next }
/ running LetterRip Server readyM.500 / { print letterrip; next }
/ MAILsweeper ESMTP Receiver Version / { print raptor; next }
/ ESMTP service ready .1. MDaemon v/ { print mdaemon; next }
/NT Server running Internet Shopper/ { print ntmail; next }
/  MailSite ESMTP Receiver Version / { print mailsite; next }
/ SMTP Server .JAMES SMTP Server / { print james; next }
/ MailSite SMTP Receiver Version / { print mailsite; next }
/ VOPmail ESMTP Receiver Version / { print vopmail; next }
/ Wellcome to HINES mailgateway / { print "unknown (HINES)"; next }
/ FirstClass ESMTP Mail Server / { print firstclass; next }
/ Microsoft ESMTP MAIL Service/ { print microsoft; next }
/ NT-ESMTP Server .* .IMail 7/ { print imail; next }
/ NT-ESMTP Server .* .IMail 6/ { print imail; next }
/ NT-ESMTP Server .* .IMail 5/ { print imail; next }
/ NT-ESMTP Server .* .IMail 4/ { print imail; next }
/ Microsoft SMTP MAIL ready / { print microsoft; next }
/ GroupWise Internet Agent / { print groupwise; next }
/ 220 Please login at http/ { print "unknown (Please login)"; next }
/ESMTP Service .Worldmail / { print worldmail; next }
/ Server ESMTP .PMDF V5.*/ { print pmdf; next }
/ .Lotus Domino Release / { print lotusdomino; next }
/ SMTP.smap Ready.M.500/ { print smap; next }
/ SMTP.smap P2 Ready.  / { print smap; next }
/ ESMTP - WinRoute Pro / { print winroute; next }
/ DSMTP ESMTP Server v/ { print dmail; next }
/ ArGoSoft Mail Server/ { print argosoft; next }
/214-This is Sendmail / { print sendmail; next }
/ ESMTP PostfixM.250-/ { print postfix; next }
/ Novonyx SMTP ready / { print netscape; next } # novell variant
/ SMTP Server SLmail / { print slmail; next }
/ SMTP AnalogX Proxy / { print analogx; next }
/ VPOP3 SMTP Server / { print vpop3; next }
/ IMS SMTP Receiver / { print ims; next }
/ .Mail-Max Version / { print mailmax; next }
/ MetaInfo Sendmail / { print sendmailwindows; next }
/ Metainfo Sendmail / { print sendmailwindows; next }
/ Sendmail for NT / { print sendmailwindows; next }
/ UCX V.* OpenVMS / { print ucx; next }
/ ESMTP MDaemon 4/ { print mdaemon; next }
/ MailShield SMTP/ { print mailshield; next }
/ ESMTP Sendmail / { print sendmail; next }
/ .Post.Office v/ { print postoffice; next }
/ ESMTP Postfix / { print postfix; next }
/ ESMTP Exim / { print exim; next }
/ SMTP NAVGW / { print norton; next }

/ Hello.* here.s what we support.*250 .. ... Sender OkayM.250-The following SMTP commands are recognized.*startup and give your hostname.*verify deliverability of address.*set debugging level.*The normal sequence of events in sending a message / { print smail; next }
/ SMTP service readyM.214-Commands:M.214-	DATA	RCPT	MAIL	QUIT	RSETM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.221 SMTP server closing transmission channelM./ { print norton; next }
/ 214-Commands:M.214-	DATA	RCPT	MAIL	QUIT	RSETM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM./ { print norton; next } # serious norton bug
/ 214-Commands:MM.214-	DATA	RCPT	MAIL	QUIT	RSETMM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM./ { print norton; next } # serious norton bug
/M.250-PIPELININGM.250-SIZE [0-9]*M.250-ETRNM.250 8BITMIMEM.*250.* OkM.502 Error: command not implemented.*M.221 ByeM./ { print postfix; next }
/SMTP, Pleased to be speaking with you.500 EHLO command is not recognized at this site.* How do are you doing today,/ { print "unknown (How do are you)"; next }
/ pleased to meet you.* Duplicate HELO.EHLOM.250 2.1.0 <>... Sender okM/ { print sendmail; next }
/ pleased to meet you.* Duplicate HELO.EHLOM.250 <>... Sender okM/ { print sendmail; next }
/forging of mail requires recognizable SMTP/ { print obtuse; next }
/ 220-Sendmail 8.6.12.8.6.12 ready / { print sendmail; next }
/ ..DOCTYPE HTML PUBLIC / { print "misconfigured HTTP server"; next }
/\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*/ { print "unknown (*****)"; next }

{ print "not sure" }
