# djb2001.fp: the patterns of D. J. Bernstein's 2001 survey
#
# "Internet host SMTP server survey", comp.mail.misc, 4 Oct 2001
# (<2001Oct400.45.07.20280@cr.yp.to>). The published awk patterns follow
# byte for byte, in published order (TABs in the norton patterns included);
# each label reproduces one row of the post's tally: its OS tags joined by
# "/", a space, then its display name.
rulebase "djb2001" version "2001-10-04"
view djb

label qmail "qmail" os unix vendor "D. J. Bernstein" product "qmail" cpe "cpe:2.3:a:djb:qmail:*:*:*:*:*:*:*:*"
label ntmail "Gordano NTMail" os windows vendor "Gordano" product "NTMail"
label mercur "Atrium MERCUR" os windows vendor "Atrium" product "MERCUR"
label tfbbs "TeleFinder Mail Server" os macos vendor "Spider Island Software" product "TeleFinder"
label sims "iPlanet/Sun Internet Mail Server" os unix vendor "iPlanet" product "iPlanet Messaging Server"
label stalker "Stalker Internet Mail Server" os macos vendor "Stalker Software" product "Stalker Internet Mail Server"
label checkpoint "Check Point firewall" os unix, windows vendor "Check Point" product "FireWall-1"
label microsoft "Microsoft Exchange or IIS SMTP" os windows vendor "Microsoft" product "Exchange or IIS SMTP"
label mercury "Mercury" os windows vendor "David Harris" product "Mercury"
label imailds "Digital Integrations i-MailDS" os windows vendor "Digital Integrations" product "i-MailDS"
label letterrip "Fog City Software LetterRip Pro" os macos vendor "Fog City Software" product "LetterRip Pro"
label raptor "Raptor firewall" os unix, windows vendor "Raptor" product "Raptor firewall"
label mdaemon "Deerfield.com MDaemon" os windows vendor "Deerfield.com" product "MDaemon"
label mailsite "Rockliffe MailSite" os windows vendor "Rockliffe" product "MailSite"
label james "JAMES SMTP Server" os unix, windows vendor "Apache Software Foundation" product "JAMES"
label vopmail "Vircom VOP Mail" os windows vendor "Vircom" product "VOPmail"
label hines "unknown (HINES)"
label firstclass "FirstClass" os macos, windows vendor "Centrinity" product "FirstClass"
label imail "Ipswitch IMail" os windows vendor "Ipswitch" product "IMail" cpe "cpe:2.3:a:ipswitch:imail:*:*:*:*:*:*:*:*"
label groupwise "GroupWise" os unix, windows vendor "Novell" product "GroupWise Internet Agent"
label pleaselogin "unknown (Please login)"
label worldmail "Eudora Worldmail" os windows vendor "Qualcomm" product "Eudora Worldmail"
label pmdf "PMDF" os vms vendor "Process Software" product "PMDF"
label lotusdomino "Lotus Domino" os unix, windows vendor "Lotus" product "Domino"
label smap "smap" os unix vendor "Trusted Information Systems" product "smap"
label winroute "Tiny Software WinRoute Pro" os windows vendor "Tiny Software" product "WinRoute Pro"
label dmail "NetWin Dmail" os unix, windows vendor "NetWin" product "DMail"
label argosoft "ArGoSoft Mail Server" os windows vendor "ArGoSoft" product "ArGoSoft Mail Server"
label sendmail "Sendmail" os unix vendor "Sendmail" product "Sendmail" cpe "cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*"
label postfix "IBM Postfix, formerly VMailer" os unix vendor "IBM" product "Postfix" cpe "cpe:2.3:a:postfix:postfix:*:*:*:*:*:*:*:*"
label netscape "Netscape Messaging Server, formerly Netscape Mail Server" os unix, windows vendor "Netscape" product "Netscape Messaging Server"
label slmail "Seattle Lab SLmail" os windows vendor "Seattle Lab" product "SLmail"
label analogx "Thompson AnalogX" os windows vendor "AnalogX" product "AnalogX Proxy"
label vpop3 "Paul Smith VPOP3" os windows vendor "Paul Smith Computer Services" product "VPOP3"
label ims "DatCon IMS" os unix, windows vendor "DatCon" product "IMS"
label mailmax "SmartMax MailMax" os windows vendor "SmartMax" product "MailMax"
label sendmailwindows "Sendmail" os windows vendor "MetaInfo" product "Sendmail for Windows NT"
label ucx "Digital UCX" os vms vendor "Digital" product "UCX"
label mailshield "Lyris MailShield" os unix, windows vendor "Lyris" product "MailShield"
label postoffice "Software.com Post.Office" os unix, windows vendor "Software.com" product "Post.Office"
label exim "Exim" os unix vendor "University of Cambridge" product "Exim" cpe "cpe:2.3:a:exim:exim:*:*:*:*:*:*:*:*"
label norton "Norton AntiVirus" os windows vendor "Symantec" product "Norton AntiVirus for Gateways"
label smail "Smail" os unix product "Smail"
label howdoareyou "unknown (How do are you)"
label obtuse "Obtuse SMTPD" os unix vendor "Obtuse Systems" product "smtpd"
label http "misconfigured HTTP server"
label stars "unknown (*****)"
label failed554 "connection failed: 554"
label notsure "not sure"

# Not among the published patterns: the tally's "connection failed: 554"
# row counts servers whose greeting is a 554 reply, which the post does not
# show a pattern for.
/^[^ ]* 554[ -]/ -> failed554

/ ESMTP CPMTA-3_5_0_4 .*M.252 send some mail, i.ll try my bestM.221 / -> qmail # critical path
/214 qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail
/214-qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail
/M.214- This is an NT Server running Gordano Ltd/ -> ntmail
/MERCUR SMTP-Server .v.* for Windows NT ready at/ -> mercur
/ Mail Server 5.7 .* support@spiderisland.com/ -> tfbbs
/ -- Server ESMTP .iPlanet Messaging Server / -> sims
/ Stalker Software.*cgp-support@stalker.com/ -> stalker
/ CheckPoint FireWall-1 secure SMTP server/ -> checkpoint
/Microsoft Exchange Internet Mail Service / -> microsoft
/ Mercury 1.[0-9]* ESMTP server ready.M/ -> mercury
/You are talking to an i-MailDS server / -> imailds
/ ESMTP Exchange POP3 .4.0.1108. ready/ -> microsoft
/ running LetterRip Server readyM.500 / -> letterrip
/ MAILsweeper ESMTP Receiver Version / -> raptor
/ ESMTP service ready .1. MDaemon v/ -> mdaemon
/NT Server running Internet Shopper/ -> ntmail
/  MailSite ESMTP Receiver Version / -> mailsite
/ SMTP Server .JAMES SMTP Server / -> james
/ MailSite SMTP Receiver Version / -> mailsite
/ VOPmail ESMTP Receiver Version / -> vopmail
/ Wellcome to HINES mailgateway / -> hines
/ FirstClass ESMTP Mail Server / -> firstclass
/ Microsoft ESMTP MAIL Service/ -> microsoft
/ NT-ESMTP Server .* .IMail 7/ -> imail
/ NT-ESMTP Server .* .IMail 6/ -> imail
/ NT-ESMTP Server .* .IMail 5/ -> imail
/ NT-ESMTP Server .* .IMail 4/ -> imail
/ Microsoft SMTP MAIL ready / -> microsoft
/ GroupWise Internet Agent / -> groupwise
/ 220 Please login at http/ -> pleaselogin
/ESMTP Service .Worldmail / -> worldmail
/ Server ESMTP .PMDF V5.*/ -> pmdf
/ .Lotus Domino Release / -> lotusdomino
/ SMTP.smap Ready.M.500/ -> smap
/ SMTP.smap P2 Ready.  / -> smap
/ ESMTP - WinRoute Pro / -> winroute
/ DSMTP ESMTP Server v/ -> dmail
/ ArGoSoft Mail Server/ -> argosoft
/214-This is Sendmail / -> sendmail
/ ESMTP PostfixM.250-/ -> postfix
/ Novonyx SMTP ready / -> netscape # novell variant
/ SMTP Server SLmail / -> slmail
/ SMTP AnalogX Proxy / -> analogx
/ VPOP3 SMTP Server / -> vpop3
/ IMS SMTP Receiver / -> ims
/ .Mail-Max Version / -> mailmax
/ MetaInfo Sendmail / -> sendmailwindows
/ Metainfo Sendmail / -> sendmailwindows
/ Sendmail for NT / -> sendmailwindows
/ UCX V.* OpenVMS / -> ucx
/ ESMTP MDaemon 4/ -> mdaemon
/ MailShield SMTP/ -> mailshield
/ ESMTP Sendmail / -> sendmail
/ .Post.Office v/ -> postoffice
/ ESMTP Postfix / -> postfix
/ ESMTP Exim / -> exim
/ SMTP NAVGW / -> norton

/ Hello.* here.s what we support.*250 .. ... Sender OkayM.250-The following SMTP commands are recognized.*startup and give your hostname.*verify deliverability of address.*set debugging level.*The normal sequence of events in sending a message / -> smail
/ SMTP service readyM.214-Commands:M.214-	DATA	RCPT	MAIL	QUIT	RSETM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.250 Requested mail action okay, completedM.221 SMTP server closing transmission channelM./ -> norton
/ 214-Commands:M.214-	DATA	RCPT	MAIL	QUIT	RSETM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM./ -> norton # serious norton bug
/ 214-Commands:MM.214-	DATA	RCPT	MAIL	QUIT	RSETMM.214 	HELO	VRFY	EXPN	HELP	NOOPM.250 Requested mail action okay, completedM.220 SMTP service readyM.250 Requested mail action okay, completedM./ -> norton # serious norton bug
/M.250-PIPELININGM.250-SIZE [0-9]*M.250-ETRNM.250 8BITMIMEM.*250.* OkM.502 Error: command not implemented.*M.221 ByeM./ -> postfix
/SMTP, Pleased to be speaking with you.500 EHLO command is not recognized at this site.* How do are you doing today,/ -> howdoareyou
/ pleased to meet you.* Duplicate HELO.EHLOM.250 2.1.0 <>... Sender okM/ -> sendmail
/ pleased to meet you.* Duplicate HELO.EHLOM.250 <>... Sender okM/ -> sendmail
/forging of mail requires recognizable SMTP/ -> obtuse
/ 220-Sendmail 8.6.12.8.6.12 ready / -> sendmail
/ ..DOCTYPE HTML PUBLIC / -> http
/\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*/ -> stars

default -> notsure
