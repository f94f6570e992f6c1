# smtp.fp: SMTP servers of today, by banner and by reply fingerprint
#
# The raw view: each reply is the server's bytes, so patterns write \r\n,
# and ^ and $ in a scoped pattern anchor at the start and end of that one
# reply. The dialogue is smtpfp/1: the greeting, EHLO, HELO, MAIL FROM:<>,
# HELP, VRFY postmaster and QUIT.
#
# First match wins, so the file runs from the most specific to the most
# general:
#
#   1. hosted services, by the host names and banners of their MX hosts
#      (many run Postfix or sendmail underneath, so they come first);
#   2. products by their banners, capturing the version where it shows;
#   3. products by the rest of the dialogue, for servers whose banner was
#      changed or hidden: EHLO keywords and their order, HELP text, VRFY,
#      MAIL FROM:<> and QUIT wording.
#
# Every label has a transcript under testdata/transcripts/real (recorded
# from a server run on loopback) or testdata/transcripts/documented (written
# from what the product is documented to send); rulestest pins them all.
rulebase "smtp" version "2026-05-09"
view raw

# Open source MTAs
label postfix "Postfix" os unix vendor "Wietse Venema" product "Postfix" cpe "cpe:2.3:a:postfix:postfix:*:*:*:*:*:*:*:*"
label exim "Exim" os unix vendor "Exim Development Team" product "Exim" cpe "cpe:2.3:a:exim:exim:*:*:*:*:*:*:*:*"
label sendmail "Sendmail" os unix vendor "Proofpoint (Sendmail)" product "Sendmail" cpe "cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*"
label opensmtpd "OpenSMTPD" os bsd, linux vendor "OpenBSD" product "OpenSMTPD" cpe "cpe:2.3:a:openbsd:opensmtpd:*:*:*:*:*:*:*:*"
label courier "Courier MTA" os unix vendor "Double Precision" product "Courier Mail Server" cpe "cpe:2.3:a:courier-mta:courier_mail_server:*:*:*:*:*:*:*:*"
label qmail "qmail" os unix vendor "D. J. Bernstein" product "qmail" cpe "cpe:2.3:a:djb:qmail:*:*:*:*:*:*:*:*"
label netqmail "netqmail" os unix vendor "qmail community" product "netqmail"
label notqmail "notqmail" os unix vendor "notqmail project" product "notqmail"
label sqmail "s/qmail" os unix vendor "FEHCom" product "s/qmail"
label chasquid "chasquid" os linux vendor "Alberto Bertogli" product "chasquid"
label maddy "maddy" os linux vendor "foxcpp" product "maddy"
label stalwart "Stalwart Mail Server" os linux vendor "Stalwart Labs" product "Stalwart Mail Server"
label haraka "Haraka" os unix vendor "Haraka project" product "Haraka" cpe "cpe:2.3:a:haraka_project:haraka:*:*:*:*:*:*:*:*"
label aiosmtpd "aiosmtpd (Python)" os unix vendor "aio-libs" product "aiosmtpd"
label smtpserver "nodemailer smtp-server (Node.js)" os unix vendor "Nodemailer" product "smtp-server"
label gosmtp "go-smtp (Go)" os unix vendor "emersion" product "go-smtp"
label dovecot "Dovecot submission" os unix vendor "Open-Xchange" product "Dovecot" cpe "cpe:2.3:a:dovecot:dovecot:*:*:*:*:*:*:*:*"
label spamd "OpenBSD spamd" os bsd vendor "OpenBSD" product "spamd"
label james "Apache James" os unix, windows vendor "Apache Software Foundation" product "James" cpe "cpe:2.3:a:apache:james:*:*:*:*:*:*:*:*"
label halon "Halon" os unix vendor "Halon Security" product "Halon MTA"
label powermta "PowerMTA" os unix vendor "Bird (SparkPost)" product "PowerMTA"
label momentum "Momentum (ecelerity)" os unix vendor "Bird (Message Systems)" product "Momentum"

# Windows and groupware mail servers
label exchange "Microsoft Exchange Server" os windows vendor "Microsoft" product "Exchange Server" cpe "cpe:2.3:a:microsoft:exchange_server:*:*:*:*:*:*:*:*"
label iis "Microsoft IIS SMTP Service" os windows vendor "Microsoft" product "IIS SMTP Service" cpe "cpe:2.3:a:microsoft:internet_information_services:*:*:*:*:*:*:*:*"
label zimbra "Zimbra" os linux vendor "Synacor" product "Zimbra Collaboration" cpe "cpe:2.3:a:zimbra:collaboration:*:*:*:*:*:*:*:*"
label kerio "Kerio Connect" os windows, linux, macos vendor "GFI" product "Kerio Connect" cpe "cpe:2.3:a:gfi:kerio_connect:*:*:*:*:*:*:*:*"
label mdaemon "MDaemon" os windows vendor "MDaemon Technologies" product "MDaemon" cpe "cpe:2.3:a:alt-n:mdaemon:*:*:*:*:*:*:*:*"
label hmailserver "hMailServer" os windows vendor "hMailServer" product "hMailServer" cpe "cpe:2.3:a:hmailserver:hmailserver:*:*:*:*:*:*:*:*"
label icewarp "IceWarp Mail Server" os windows, linux vendor "IceWarp" product "IceWarp Mail Server" cpe "cpe:2.3:a:icewarp:mail_server:*:*:*:*:*:*:*:*"
label axigen "Axigen Mail Server" os windows, linux vendor "Axigen" product "Axigen Mail Server" cpe "cpe:2.3:a:axigen:axigen_mail_server:*:*:*:*:*:*:*:*"
label domino "HCL/Lotus Domino" os windows, unix vendor "HCL (formerly IBM Lotus)" product "Domino" cpe "cpe:2.3:a:hcltech:domino:*:*:*:*:*:*:*:*"
label communigate "CommuniGate Pro" os unix, windows vendor "CommuniGate Systems" product "CommuniGate Pro" cpe "cpe:2.3:a:communigate:communigate_pro:*:*:*:*:*:*:*:*"
label smartermail "SmarterMail" os windows vendor "SmarterTools" product "SmarterMail" cpe "cpe:2.3:a:smartertools:smartermail:*:*:*:*:*:*:*:*"
label mailenable "MailEnable" os windows vendor "MailEnable" product "MailEnable" cpe "cpe:2.3:a:mailenable:mailenable:*:*:*:*:*:*:*:*"
label mercury "Mercury/32" os windows vendor "David Harris" product "Mercury Mail Transport System" cpe "cpe:2.3:a:david_harris:mercury_mail_transport_system:*:*:*:*:*:*:*:*"
label argosoft "ArGoSoft Mail Server" os windows vendor "ArGoSoft" product "ArGoSoft Mail Server" cpe "cpe:2.3:a:argosoft:argosoft_mail_server:*:*:*:*:*:*:*:*"
label groupwise "GroupWise" os windows, linux vendor "Micro Focus (Novell)" product "GroupWise Internet Agent" cpe "cpe:2.3:a:novell:groupwise:*:*:*:*:*:*:*:*"
label imail "Ipswitch IMail" os windows vendor "Ipswitch (Progress)" product "IMail Server" cpe "cpe:2.3:a:ipswitch:imail:*:*:*:*:*:*:*:*"

# Gateways and appliances
label ironport "Cisco Secure Email Gateway (IronPort)" os appliance vendor "Cisco" product "Secure Email Gateway" cpe "cpe:2.3:o:cisco:asyncos:*:*:*:*:*:*:*:*"
label fortimail "FortiMail" os appliance vendor "Fortinet" product "FortiMail" cpe "cpe:2.3:a:fortinet:fortimail:*:*:*:*:*:*:*:*"
label barracuda "Barracuda Email Security" os appliance, cloud vendor "Barracuda Networks" product "Email Security Gateway" cpe "cpe:2.3:a:barracuda:email_security_gateway:*:*:*:*:*:*:*:*"
label sophos "Sophos Email" os appliance, cloud vendor "Sophos" product "Sophos Email"
label trendmicro "Trend Micro Email Security" os appliance, cloud vendor "Trend Micro" product "Email Security / IMSVA"
label symantec "Symantec Email Security" os appliance, cloud vendor "Broadcom (Symantec)" product "Email Security.cloud / Messaging Gateway"
label proxmox "Proxmox Mail Gateway" os linux, appliance vendor "Proxmox" product "Proxmox Mail Gateway" cpe "cpe:2.3:a:proxmox:proxmox_mail_gateway:*:*:*:*:*:*:*:*"
label mailcleaner "MailCleaner" os linux, appliance vendor "MailCleaner" product "MailCleaner"
label mailmarshal "Trustwave MailMarshal" os windows vendor "Trustwave" product "MailMarshal SMTP" cpe "cpe:2.3:a:trustwave:mailmarshal:*:*:*:*:*:*:*:*"

# Hosted services
label microsoft365 "Microsoft 365 (Exchange Online Protection)" os cloud vendor "Microsoft" product "Exchange Online"
label outlookcom "Outlook.com" os cloud vendor "Microsoft" product "Outlook.com"
label gmail "Gmail / Google Workspace" os cloud vendor "Google" product "Gmail"
label yahoo "Yahoo Mail" os cloud vendor "Yahoo" product "Yahoo Mail"
label icloud "iCloud Mail" os cloud vendor "Apple" product "iCloud Mail"
label amazonses "Amazon SES" os cloud vendor "Amazon Web Services" product "Simple Email Service"
label mimecast "Mimecast" os cloud vendor "Mimecast" product "Email Security"
label proofpoint "Proofpoint" os cloud vendor "Proofpoint" product "Email Protection"
label hornetsecurity "Hornetsecurity" os cloud vendor "Hornetsecurity" product "Spam and Malware Protection"
label spamexperts "SpamExperts" os cloud vendor "N-able (SolarWinds)" product "SpamExperts / Mail Assure"
label forcepoint "Forcepoint Email Security Cloud" os cloud vendor "Forcepoint" product "Email Security Cloud"
label zoho "Zoho Mail" os cloud vendor "Zoho" product "Zoho Mail"
label fastmail "Fastmail" os cloud vendor "Fastmail" product "Fastmail"
label mailgun "Mailgun" os cloud vendor "Sinch (Mailgun)" product "Mailgun"
label sendgrid "SendGrid" os cloud vendor "Twilio" product "SendGrid"
label postmark "Postmark" os cloud vendor "ActiveCampaign (Postmark)" product "Postmark"
label sparkpost "SparkPost" os cloud vendor "Bird (SparkPost)" product "SparkPost"
label gmx "GMX / Web.de / IONOS" os cloud vendor "United Internet" product "Nemesis"
label yandex "Yandex Mail" os cloud vendor "Yandex" product "Yandex Mail"
label mailru "Mail.ru" os cloud vendor "VK" product "Mail.ru"
label qq "QQ Mail / Tencent Exmail" os cloud vendor "Tencent" product "QQ Mail"
label coremail "Coremail (NetEase 163/126)" os cloud vendor "Coremail / NetEase" product "Coremail"

label unknown "not sure"

# A version captured from the banner or HELP is compared as the report
# does (report.CompareVersions); hosts whose version does not show are not
# counted, and distributions that backport fixes without changing the
# version are counted all the same. The language has one comparison per
# advisory, so a range such as Exim's 4.87 to 4.91 is written as its upper
# bound. No advisory for Exchange (ProxyLogon, CVE-2021-26855): Exchange
# 2007 and later never show their build over SMTP, and the affected range
# (15.0 up to the March 2021 updates) needs two bounds.
advisory "CVE-2019-10149" exim < "4.92"
advisory "CVE-2019-15846" exim < "4.92.2"
advisory "CVE-2020-28017" exim < "4.94.2"
advisory "CVE-2023-42115" exim < "4.96.1"
advisory "CVE-2020-7247" opensmtpd < "6.6.2"
advisory "CVE-2023-51765" sendmail < "8.18.1"
advisory "CVE-2016-1000282" haraka < "2.8.9"
advisory "CVE-2024-27305" aiosmtpd < "1.4.5"

# ---- 1. Hosted services ----------------------------------------------

greeting ~ / - gsmtp\r\n$/ -> gmail
greeting ~ /^220[ -][^ ]+\.olc\.protection\.outlook\.com / -> outlookcom
greeting ~ /^220[ -][^ ]+\.outlook\.com Microsoft ESMTP MAIL Service ready at / -> microsoft365
greeting ~ /^220[ -][^ ]+ Microsoft ESMTP MAIL Service ready at [^\r]* \[[0-9A-F]{16}\]\r\n$/ -> microsoft365
greeting ~ /^220[ -][^ ]*(\.yahoodns\.net|\.yahoo\.com) / -> yahoo
greeting ~ /^220[ -][^ ]*\.mail\.(icloud|me)\.com / -> icloud
greeting ~ /^220[ -][^ ]*\.amazonaws\.com ESMTP / -> amazonses
greeting ~ /^220[ -][^ ]+ ESMTP (Amazon SES|SimpleEmailService-)/ -> amazonses
greeting ~ /^220[ -][^ ]*\.mimecast(-offshore)?\.com / -> mimecast
greeting ~ /^220[ -][^ ]*\.(pphosted\.com|ppe-hosted\.com|ppops\.net) / -> proofpoint
greeting ~ /^220[ -][^ ]*\.(cudaops\.com|barracudanetworks\.com) / -> barracuda
greeting ~ /^220[ -][^ ]*\.hydra\.sophos\.com / -> sophos
greeting ~ /^220[ -][^ ]*\.trendmicro\.(com|eu) / -> trendmicro
greeting ~ /^220[ -][^ ]*\.messagelabs\.com / -> symantec
greeting ~ /^220[ -][^ ]*\.hornetsecurity\.com / -> hornetsecurity
greeting ~ /^220[ -][^ ]*\.spamexperts\.(com|net|eu) / -> spamexperts
greeting ~ /^220[ -][^ ]*\.mailcontrol\.com / -> forcepoint
greeting ~ /^220[ -]mx[^ ]*\.zoho(mail)?\.(com|eu|in) / -> zoho
greeting ~ /^220[ -][^ ]* SMTP Server ready [A-Z][a-z]+ [0-9]+, [0-9]{4} / -> zoho
greeting ~ /^220[ -][^ ]*\.messagingengine\.com / -> fastmail
greeting ~ /^220[ -][^ ]*\.mailgun\.(org|net) / -> mailgun
greeting ~ /^220 SG ESMTP service ready at / -> sendgrid
greeting ~ /^220[ -][^ ]*\.sendgrid\.net / -> sendgrid
greeting ~ /^220[ -][^ ]*\.postmarkapp\.com / -> postmark
greeting ~ /^220[ -][^ ]*\.sparkpostmail\.com / -> sparkpost
greeting ~ /^220[ -][^ ]+ \(mx[a-z]+[0-9]+\) Nemesis ESMTP Service ready/ -> gmx
greeting ~ /^220[ -][^ ]*\.yandex\.(net|ru) / -> yandex
greeting ~ /^220[ -][^ ]*\.mail\.ru / -> mailru
greeting ~ /^220[ -][^ ]+ [A-Z ]*QQ Mail Server/ -> qq
greeting ~ /^220[ -][^ ]* ?Anti-spam GT for Coremail System/ -> coremail
greeting ~ /Coremail/ -> coremail

# ---- 2. Products by banner -------------------------------------------

# Appliances and distributions built on an MTA below: before that MTA.
greeting ~ /^220[ -][^ ]+ ESMTP Zimbra/ -> zimbra
greeting ~ /^220[ -][^ ]+ ESMTP Proxmox/ -> proxmox
greeting ~ /^220[ -][^ ]+ ESMTP MailCleaner/ -> mailcleaner
greeting ~ /^220[ -][^ ]+ ESMTP Sophos/ -> sophos
greeting ~ /^220[ -][^ ]+ ESMTP (IMSVA|IMSS)/ -> trendmicro
greeting ~ /InterScan (VirusWall|Messaging Security)/ -> trendmicro
greeting ~ /^220[ -][^ ]+ ESMTP Symantec Messaging Gateway/ -> symantec
greeting ~ /^220[ -][^ ]+ ESMTP \([0-9a-f]{32}\)\r\n$/ -> barracuda
greeting ~ /^220[ -][^ ]+ ESMTP Smtpd; / -> fortimail
greeting ~ /^220 FortiMail/ -> fortimail
greeting ~ /(IronPort|AsyncOS)/ -> ironport
greeting ~ /^220[ -][^ ]+ ESMTP MailMarshal \(v([0-9][0-9.]*[0-9])\)/ -> mailmarshal version $1
greeting ~ /^220[ -][^ ]+ ESMTP PowerMTA\(TM\) v([0-9][0-9.]*[0-9a-z]*)/ -> powermta version $1
greeting ~ /^220[ -][^ ]+ ESMTP ecelerity ([0-9][0-9.]*[0-9])/ -> momentum version $1
greeting ~ /^220[ -][^ ]+ ESMTP Halon/ -> halon
greeting ~ /^220[ -][^ ]+ ESMTP spamd IP-based SPAM blocker/ -> spamd

# Microsoft: Exchange 2007 and later show no version. The IIS SMTP
# service shows its own; Exchange 2000/2003 ran on it, so there the version
# is Windows' IIS, not Exchange's, and is not taken.
greeting ~ /^220[ -][^ ]+ Microsoft ESMTP MAIL Service, Version: [0-9.]+ ready at / && ehlo ~ /250-(XEXCH50|X-LINK2STATE)\r\n/ -> exchange
greeting ~ /^220[ -][^ ]+ Microsoft ESMTP MAIL Service, Version: ([0-9][0-9.]*[0-9]) ready at / -> iis version $1
greeting ~ /^220[ -][^ ]+ Microsoft ESMTP MAIL Service ready at / -> exchange
greeting ~ /^220[ -][^ ]+ Microsoft Exchange Internet Mail Service ([0-9][0-9.]*[0-9]) ready/ -> exchange version $1

# Open source MTAs.
greeting ~ /^220[ -][^ ]+ ESMTP Postfix \(([0-9][0-9.]*[0-9])\)/ -> postfix version $1
greeting ~ /^220[ -][^ ]+ ESMTP Postfix/ -> postfix
greeting ~ /^220[ -][^ ]+ ESMTP Exim ([0-9]+\.[0-9]+(\.[0-9]+)*) / -> exim version $1
greeting ~ /^220[ -][^ ]+ ESMTP Sendmail ([0-9]+\.[0-9]+(\.[0-9]+)*)[\/;]/ -> sendmail version $1
greeting ~ /^220[ -][^ ]+ ESMTP Sendmail/ -> sendmail
greeting ~ /^220[ -][^ ]+ ESMTP OpenSMTPD\r\n$/ -> opensmtpd
greeting ~ /^220[ -][^ ]+ ESMTP Haraka\/([0-9]+\.[0-9]+(\.[0-9]+)*) ready/ -> haraka version $1
greeting ~ /^220[ -][^ ]+ ESMTP Haraka/ -> haraka
greeting ~ /^220[ -][^ ]+ Python SMTP ([0-9]+\.[0-9]+(\.[0-9]+)*([ab]|rc)?[0-9]*)\r\n$/ -> aiosmtpd version $1
greeting ~ /^220[ -][^ ]+ ESMTP chasquid\r\n$/ -> chasquid
greeting ~ /^220[ -][^ ]+ Stalwart ESMTP/ -> stalwart
greeting ~ /^220[ -][^ ]+ Dovecot ready\.\r\n$/ -> dovecot
greeting ~ /^220[ -][^ ]+ [^\r]*\(JAMES SMTP Server ([0-9][0-9.]*[0-9])\)/ -> james version $1
greeting ~ /^220[ -][^ ]+ [^\r]*Apache JAMES/ -> james

# Commercial servers that name themselves.
greeting ~ /^220[ -][^ ]+ Kerio (Connect|MailServer) ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> kerio version $2
greeting ~ /^220[ -][^ ]+ Kerio (Connect|MailServer)/ -> kerio
greeting ~ /^220[ -][^ ]+ ESMTP MDaemon ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> mdaemon version $1
greeting ~ /^220[ -][^ ]+ ESMTP MDaemon/ -> mdaemon
greeting ~ /hMailServer/ -> hmailserver
greeting ~ /^220[ -][^ ]+ ESMTP IceWarp ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> icewarp version $1
greeting ~ /^220[ -][^ ]+ ESMTP Merak ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> icewarp version $1
greeting ~ /^220[ -][^ ]+ Axigen ESMTP/ -> axigen
greeting ~ /^220[ -][^ ]+ ESMTP Service \((HCL|IBM|Lotus) Domino Release ([0-9][0-9.]*[0-9](FP[0-9]+)?)[^)]*\) ready/ -> domino version $2
greeting ~ /^220[ -][^ ]+ ESMTP CommuniGate Pro ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> communigate version $1
greeting ~ /^220[ -][^ ]+ [^\r]*SmarterMail/ -> smartermail
greeting ~ /^220[ -][^ ]+ ESMTP MailEnable Service, Version: ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> mailenable version $1
greeting ~ /^220[ -][^ ]+ Mercury\/32 v([0-9]+\.[0-9]+(\.[0-9]+)*) ESMTP server ready/ -> mercury version $1
greeting ~ /^220[ -][^ ]+ Mercury ([0-9]+\.[0-9]+) ESMTP server ready/ -> mercury version $1
greeting ~ /^220 ArGoSoft Mail Server[^\r]*\(([0-9]+\.[0-9]+(\.[0-9]+)*)\)/ -> argosoft version $1
greeting ~ /^220[ -][^ ]+ GroupWise Internet Agent ([0-9]+\.[0-9]+(\.[0-9]+)*)/ -> groupwise version $1
greeting ~ /^220[ -][^ ]+ \(IMail ([0-9]+\.[0-9]+(\.[0-9]+)*)[^)]*\) NT-ESMTP Server/ -> imail version $1

# ---- 3. Products by the rest of the dialogue -------------------------

# Every Google reply ends with its session id and " - gsmtp".
mail ~ / - gsmtp\r\n$/ || quit ~ / - gsmtp\r\n$/ -> gmail

# Hosted services name their hosts again in the first line of EHLO.
ehlo ~ /^250[ -][^ \r]+\.olc\.protection\.outlook\.com[ \r]/ -> outlookcom
ehlo ~ /^250[ -][^ \r]+\.outlook\.com[ \r]/ -> microsoft365
ehlo ~ /^250[ -][^ \r]*(\.yahoodns\.net|\.yahoo\.com)[ \r]/ -> yahoo
ehlo ~ /^250[ -][^ \r]*\.mail\.(icloud|me)\.com[ \r]/ -> icloud
ehlo ~ /^250[ -][^ \r]*\.amazonaws\.com[ \r]/ -> amazonses
ehlo ~ /^250[ -][^ \r]*\.mimecast(-offshore)?\.com[ \r]/ -> mimecast
ehlo ~ /^250[ -][^ \r]*\.(pphosted\.com|ppe-hosted\.com|ppops\.net)[ \r]/ -> proofpoint
ehlo ~ /^250[ -][^ \r]*\.(cudaops\.com|barracudanetworks\.com)[ \r]/ -> barracuda
ehlo ~ /^250[ -][^ \r]*\.hydra\.sophos\.com[ \r]/ -> sophos
ehlo ~ /^250[ -][^ \r]*\.trendmicro\.(com|eu)[ \r]/ -> trendmicro
ehlo ~ /^250[ -][^ \r]*\.messagelabs\.com[ \r]/ -> symantec
ehlo ~ /^250[ -][^ \r]*\.hornetsecurity\.com[ \r]/ -> hornetsecurity
ehlo ~ /^250[ -][^ \r]*\.spamexperts\.(com|net|eu)[ \r]/ -> spamexperts
ehlo ~ /^250[ -][^ \r]*\.mailcontrol\.com[ \r]/ -> forcepoint
ehlo ~ /^250[ -]mx[^ \r]*\.zoho(mail)?\.(com|eu|in)[ \r]/ -> zoho
ehlo ~ /^250[ -][^ \r]*\.messagingengine\.com[ \r]/ -> fastmail
ehlo ~ /^250[ -][^ \r]*\.mailgun\.(org|net)[ \r]/ -> mailgun
ehlo ~ /^250[ -][^ \r]*\.sendgrid\.net[ \r]/ -> sendgrid
ehlo ~ /^250[ -][^ \r]*\.postmarkapp\.com[ \r]/ -> postmark
ehlo ~ /^250[ -][^ \r]*\.sparkpostmail\.com[ \r]/ -> sparkpost
ehlo ~ /^250[ -][^ \r]*\.(gmx\.net|web\.de|kundenserver\.de|ionos\.(com|de))[ \r]/ -> gmx
ehlo ~ /^250[ -][^ \r]*\.yandex\.(net|ru)[ \r]/ -> yandex
ehlo ~ /^250[ -][^ \r]*\.mail\.ru[ \r]/ -> mailru
ehlo ~ /^250[ -][^ \r]*\.qq\.com[ \r]/ -> qq
ehlo ~ /\r\n250-coremail [^\r]*\r\n/ -> coremail

# Sendmail's HELP names its version even when the banner hides it.
help ~ /^214-2\.0\.0 This is sendmail version ([0-9]+\.[0-9]+(\.[0-9]+)*)\r\n/ -> sendmail version $1
help ~ /^502 5\.3\.0 Sendmail ([0-9]+\.[0-9]+(\.[0-9]+)*) -- HELP not implemented\r\n$/ -> sendmail version $1

# Microsoft.
ehlo ~ /\r\n250-(XEXCH50|X-LINK2STATE)\r\n/ -> exchange
ehlo ~ /\r\n250-X-ANONYMOUSTLS\r\n/ || ehlo ~ /\r\n250 XRDST\r\n$/ -> exchange
help ~ /^214-This server supports the following commands:\r\n214 HELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH TURN ETRN BDAT VRFY\r\n$/ -> iis
quit ~ /^221 2\.0\.0 Service closing transmission channel\r\n$/ && mail ~ /^250 2\.1\.0 Sender OK\r\n$/ -> exchange

# The qmail family: qmail-smtpd's fixed replies; the forks changed HELP.
help ~ /^214 netqmail home page: / -> netqmail
help ~ /^214 notqmail home page: / -> notqmail
help ~ /^214 s\/qmail home page: / -> sqmail
help ~ /^214 qmail home page: / -> qmail
vrfy ~ /^252 send some mail, i'll try my best\r\n$/ && mail ~ /^250 ok\r\n$/ -> qmail

# Postfix: no HELP command; MAIL and QUIT in Postfix's words.
help ~ /^50[02] 5\.5\.2 Error: command not recognized\r\n$/ && mail ~ /^250 2\.1\.0 Ok\r\n$/ -> postfix
mail ~ /^250 2\.1\.0 Ok\r\n$/ && quit ~ /^221 2\.0\.0 Bye\r\n$/ -> postfix
help ~ /^50[02] 5\.5\.2 Error: command not recognized\r\n$/ && quit ~ /^221 2\.0\.0 Bye\r\n$/ -> postfix

# Exim: "Hello NAME [ADDR]", HELP's command list, "closing connection".
help ~ /^214-Commands supported:\r\n214 / && quit ~ /^221 [^ ]+ closing connection\r\n$/ -> exim
ehlo ~ /^250-[^ ]+ Hello [^\r]* \[[0-9a-fA-F.:]+\]\r\n/ && mail ~ /^250 OK\r\n$/ && quit ~ /^221 [^ ]+ closing connection\r\n$/ -> exim
ehlo ~ /^250-[^ ]+ Hello [^\r]* \[[0-9a-fA-F.:]+\]\r\n/ && mail ~ /^250 OK\r\n$/ && help ~ /^214-Commands supported:\r\n214 / -> exim

# Sendmail: MAIL and QUIT in sendmail's words.
mail ~ /^250 2\.1\.0 <>\.\.\. Sender ok\r\n$/ && quit ~ /^221 2\.0\.0 [^ ]+ closing connection\r\n$/ -> sendmail

# Courier: its own EHLO keywords; "Ok." with a period.
ehlo ~ /\r\n250-XVERP=Courier\r\n/ -> courier
ehlo ~ /^250-[^ ]+ Ok\.\r\n/ && mail ~ /^250 Ok\.\r\n$/ && quit ~ /^221 Bye\.\r\n$/ -> courier
mail ~ /^250 Ok\.\r\n$/ && quit ~ /^221 Bye\.\r\n$/ && (vrfy ~ /^252 VRFY disabled\r\n$/ || help ~ /^502 ESMTP command error\r\n$/) -> courier

# OpenSMTPD: a second HELO is refused.
help ~ /^214-2\.0\.0 This is OpenSMTPD\r\n/ -> opensmtpd
helo ~ /^503 5\.5\.1 Invalid command: Already identified\r\n$/ -> opensmtpd
mail ~ /^250 2\.0\.0 Ok\r\n$/ && quit ~ /^221 2\.0\.0 Bye\r\n$/ -> opensmtpd

# chasquid's replies are quotations.
quit ~ /^221 2\.0\.0 Be seeing you\.\.\.\r\n$/ -> chasquid
help ~ /^214 2\.0\.0 Hoy por ti, ma/ -> chasquid
mail ~ /^250 2\.1\.5 You feel like you are being watched\r\n$/ -> chasquid

# Haraka.
ehlo ~ /^250-[^ ]+ Hello [^\r]*, Haraka is at your service\.\r\n/ -> haraka
quit ~ /^221 [^ ]+ closing connection\. Have a jolly good day\.\r\n$/ -> haraka
vrfy ~ /^252 Just try sending a mail and we'll see how it turns out\.\.\.\r\n$/ -> haraka

# aiosmtpd.
help ~ /^250 Supported commands: AUTH DATA EHLO HELO HELP MAIL NOOP QUIT RCPT RSET VRFY\r\n$/ -> aiosmtpd
vrfy ~ /^252 Cannot VRFY user, but will accept message and attempt delivery\r\n$/ && quit ~ /^221 Bye\r\n$/ -> aiosmtpd

# nodemailer smtp-server.
ehlo ~ /^250-[^ ]+ Nice to meet you, / -> smtpserver
vrfy ~ /^252 Try to send something\. No promises though\r\n$/ -> smtpserver

# go-smtp, and maddy which is built on it (maddy turns on REQUIRETLS and
# BINARYMIME).
mail ~ /^250 2\.0\.0 Roger, accepting mail from <>\r\n$/ && ehlo ~ /\r\n250-REQUIRETLS\r\n/ && ehlo ~ /\r\n250-BINARYMIME\r\n/ -> maddy
mail ~ /^250 2\.0\.0 Roger, accepting mail from <>\r\n$/ -> gosmtp
ehlo ~ /^250-Hello [^ \r]+\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n/ -> gosmtp
help ~ /^502 5\.5\.1 HELP command not implemented\r\n$/ && quit ~ /^221 2\.0\.0 Bye\r\n$/ -> gosmtp

# Stalwart, Dovecot, spamd.
ehlo ~ /^250-[^ ]+ you had me at EHLO\r\n/ -> stalwart
ehlo ~ /\r\n250-BURL imap\r\n/ -> dovecot
ehlo ~ /^250 Hello, spam sender\. Pleased to be wasting your time\.\r\n$/ -> spamd

# Commercial servers by their replies.
quit ~ /^221 See ya in cyberspace\r\n$/ -> mdaemon
help ~ /^211 DATA HELO EHLO MAIL NOOP QUIT RCPT RSET SAML TURN VRFY\r\n$/ -> hmailserver
ehlo ~ /^250-[^ ]+ Axigen ESMTP hello\r\n/ -> axigen
help ~ /^214-Enter one of the following commands:\r\n/ -> domino
ehlo ~ /^250-[^ ]+ [^\r]*, this server offers [0-9]+ extensions\r\n/ -> mailenable
ehlo ~ /^250-[^ ]+ Hello [^\r]*; ESMTPs are:\r\n/ -> mercury
quit ~ /^221 Aba he\r\n$/ -> argosoft
ehlo ~ /^250-[^ ]+ Hello [^\r]*\]\)\r\n/ -> james
ehlo ~ /^250-[^ ]+ says hello\r\n/ && ehlo ~ /\r\n250-XACK\r\n/ -> powermta
ehlo ~ /^250-[^ ]+ says EHLO to [0-9a-fA-F.:]+\r\n/ -> momentum
mail ~ /^250 sender <> ok\r\n$/ && quit ~ /^221 Bye\r\n$/ -> ironport

default -> unknown
