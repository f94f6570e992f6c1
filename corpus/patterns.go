package corpus

// djbPatterns copies the regexes of rules/djb2001.fp in rule order (0 is the
// extra 554 rule). The generator uses them only to aim its near misses;
// TestPatternsMatchRulebase keeps the copy equal to the rulebase.
var djbPatterns = [...]string{
	"^[^ ]* 554[ -]", // 0
	" ESMTP CPMTA-3_5_0_4 .*M.252 send some mail, i.ll try my bestM.221 ", // 1
	"214 qmail home page: http:..pobox.com..djb.qmail.htmlM",              // 2
	"214-qmail home page: http:..pobox.com..djb.qmail.htmlM",              // 3
	"M.214- This is an NT Server running Gordano Ltd",                     // 4
	"MERCUR SMTP-Server .v.* for Windows NT ready at",                     // 5
	" Mail Server 5.7 .* support@spiderisland.com",                        // 6
	" -- Server ESMTP .iPlanet Messaging Server ",                         // 7
	" Stalker Software.*cgp-support@stalker.com",                          // 8
	" CheckPoint FireWall-1 secure SMTP server",                           // 9
	"Microsoft Exchange Internet Mail Service ",                           // 10
	" Mercury 1.[0-9]* ESMTP server ready.M",                              // 11
	"You are talking to an i-MailDS server ",                              // 12
	" ESMTP Exchange POP3 .4.0.1108. ready",                               // 13
	" running LetterRip Server readyM.500 ",                               // 14
	" MAILsweeper ESMTP Receiver Version ",                                // 15
	" ESMTP service ready .1. MDaemon v",                                  // 16
	"NT Server running Internet Shopper",                                  // 17
	"  MailSite ESMTP Receiver Version ",                                  // 18
	" SMTP Server .JAMES SMTP Server ",                                    // 19
	" MailSite SMTP Receiver Version ",                                    // 20
	" VOPmail ESMTP Receiver Version ",                                    // 21
	" Wellcome to HINES mailgateway ",                                     // 22
	" FirstClass ESMTP Mail Server ",                                      // 23
	" Microsoft ESMTP MAIL Service",                                       // 24
	" NT-ESMTP Server .* .IMail 7",                                        // 25
	" NT-ESMTP Server .* .IMail 6",                                        // 26
	" NT-ESMTP Server .* .IMail 5",                                        // 27
	" NT-ESMTP Server .* .IMail 4",                                        // 28
	" Microsoft SMTP MAIL ready ",                                         // 29
	" GroupWise Internet Agent ",                                          // 30
	" 220 Please login at http",                                           // 31
	"ESMTP Service .Worldmail ",                                           // 32
	" Server ESMTP .PMDF V5.*",                                            // 33
	" .Lotus Domino Release ",                                             // 34
	" SMTP.smap Ready.M.500",                                              // 35
	" SMTP.smap P2 Ready.  ",                                              // 36
	" ESMTP - WinRoute Pro ",                                              // 37
	" DSMTP ESMTP Server v",                                               // 38
	" ArGoSoft Mail Server",                                               // 39
	"214-This is Sendmail ",                                               // 40
	" ESMTP PostfixM.250-",                                                // 41
	" Novonyx SMTP ready ",                                                // 42
	" SMTP Server SLmail ",                                                // 43
	" SMTP AnalogX Proxy ",                                                // 44
	" VPOP3 SMTP Server ",                                                 // 45
	" IMS SMTP Receiver ",                                                 // 46
	" .Mail-Max Version ",                                                 // 47
	" MetaInfo Sendmail ",                                                 // 48
	" Metainfo Sendmail ",                                                 // 49
	" Sendmail for NT ",                                                   // 50
	" UCX V.* OpenVMS ",                                                   // 51
	" ESMTP MDaemon 4",                                                    // 52
	" MailShield SMTP",                                                    // 53
	" ESMTP Sendmail ",                                                    // 54
	" .Post.Office v",                                                     // 55
	" ESMTP Postfix ",                                                     // 56
	" ESMTP Exim ",                                                        // 57
	" SMTP NAVGW ",                                                        // 58
	" Hello.* here.s what we support.*250 .. ... Sender OkayM.250-The following SMTP commands are recognized.*startup and give your hostname.*verify deliverability of address.*set debugging level.*The normal sequence of events in sending a message ",                                                                                    // 59
	" SMTP service readyM.214-Commands:M.214-\tDATA\tRCPT\tMAIL\tQUIT\tRSETM.214 \tHELO\tVRFY\tEXPN\tHELP\tNOOPM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.221 SMTP server closing transmission channelM.", // 60
	" 214-Commands:M.214-\tDATA\tRCPT\tMAIL\tQUIT\tRSETM.214 \tHELO\tVRFY\tEXPN\tHELP\tNOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM.",                                                                                                                                 // 61
	" 214-Commands:MM.214-\tDATA\tRCPT\tMAIL\tQUIT\tRSETMM.214 \tHELO\tVRFY\tEXPN\tHELP\tNOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM.",                                                                                                                               // 62
	"M.250-PIPELININGM.250-SIZE [0-9]*M.250-ETRNM.250 8BITMIMEM.*250.* OkM.502 Error: command not implemented.*M.221 ByeM.",                                                                                                                                                                                                                  // 63
	"SMTP, Pleased to be speaking with you.500 EHLO command is not recognized at this site.* How do are you doing today,",                                                                                                                                                                                                                    // 64
	" pleased to meet you.* Duplicate HELO.EHLOM.250 2.1.0 <>... Sender okM", // 65
	" pleased to meet you.* Duplicate HELO.EHLOM.250 <>... Sender okM",       // 66
	"forging of mail requires recognizable SMTP",                             // 67
	" 220-Sendmail 8.6.12.8.6.12 ready ",                                     // 68
	" ..DOCTYPE HTML PUBLIC ",                                                // 69
	"\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*",           // 70
}
