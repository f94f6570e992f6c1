# smtp.fp: SMTP servers of today and of the 1996 and 2001 surveys, by
# banner and by reply fingerprint
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
#   2. products by their banners: first the exact form, capturing the
#      version where it shows, then the product's word anywhere in the
#      greeting, in any case (/.../i, as gawk's IGNORECASE);
#   3. products by the rest of the dialogue, for servers whose banner was
#      changed or hidden: EHLO keywords and their order, HELP text, VRFY,
#      MAIL FROM:<> and QUIT wording.
#
# Every label has a transcript under testdata/transcripts/real (recorded
# from a server run on loopback) or testdata/transcripts/documented (written
# from what the product is documented to send); rulestest pins them all.
rulebase "smtp" version "2026-12-02"
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
label qpsmtpd "qpsmtpd" os unix vendor "qpsmtpd project" product "qpsmtpd" cpe "cpe:2.3:a:ask_bjorn_hansen:qpsmtpd:*:*:*:*:*:*:*:*"
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

# Products of the 1996 and 2001 surveys, under today's names
label ntmail "Gordano NTMail (GMS)" os windows vendor "Gordano" product "GMS Mail (formerly NTMail)"
label mercur "Atrium MERCUR" os windows vendor "Atrium Software" product "MERCUR Messaging"
label telefinder "TeleFinder Mail Server" os macos vendor "Spider Island Software" product "TeleFinder"
label messagingserver "Oracle Communications Messaging Server (iPlanet, Netscape, Sun)" os unix, windows vendor "Oracle (formerly Netscape, iPlanet, Sun)" product "Communications Messaging Server" cpe "cpe:2.3:a:oracle:communications_messaging_server:*:*:*:*:*:*:*:*"
label pmdf "PMDF" os vms vendor "Process Software (formerly Innosoft)" product "PMDF"
label imailds "Digital Integrations i-MailDS" os windows vendor "Digital Integrations" product "i-MailDS"
label letterrip "LetterRip Pro" os macos vendor "Fog City Software" product "LetterRip Pro"
label mailsweeper "Clearswift MAILsweeper" os windows vendor "Clearswift (formerly Content Technologies)" product "MAILsweeper for SMTP"
label raptor "Raptor Firewall (Symantec Enterprise Firewall)" os unix, windows vendor "Symantec (formerly Axent, Raptor Systems)" product "Enterprise Firewall" cpe "cpe:2.3:a:symantec:enterprise_firewall:*:*:*:*:*:*:*:*"
label mailsite "MailSite" os windows vendor "Rockliffe (now MailSite)" product "MailSite"
label vopmail "Vircom VOPmail" os windows vendor "Vircom" product "VOPmail"
label firstclass "OpenText FirstClass" os macos, windows vendor "OpenText (formerly Centrinity, SoftArc)" product "FirstClass" cpe "cpe:2.3:a:opentext:firstclass:*:*:*:*:*:*:*:*"
label worldmail "Eudora WorldMail" os windows vendor "Qualcomm" product "Eudora WorldMail"
label smap "smap (TIS Firewall Toolkit)" os unix vendor "Trusted Information Systems" product "smap"
label winroute "Kerio WinRoute (Kerio Control)" os windows vendor "GFI (Kerio, formerly Tiny Software)" product "Kerio Control (formerly WinRoute)"
label dmail "NetWin DMail" os unix, windows vendor "NetWin" product "DMail"
label slmail "SLmail" os windows vendor "Seattle Lab (BVRP)" product "SLmail"
label analogx "AnalogX Proxy" os windows vendor "AnalogX" product "Proxy" cpe "cpe:2.3:a:analogx:proxy:*:*:*:*:*:*:*:*"
label vpop3 "VPOP3" os windows vendor "Paul Smith Computer Services" product "VPOP3"
label ims "IMS (EMWAC Internet Mail Service)" os windows vendor "EMWAC / DatCon" product "IMS SMTP Receiver"
label mailmax "SmartMax MailMax" os windows vendor "SmartMax Software" product "MailMax"
label sendmailnt "MetaInfo Sendmail for Windows NT" os windows vendor "MetaInfo" product "Sendmail for NT"
label ucx "HP TCP/IP Services for OpenVMS (UCX)" os vms vendor "HP (formerly Digital)" product "TCP/IP Services for OpenVMS"
label mailshield "Lyris MailShield" os unix, windows vendor "Lyris" product "MailShield"
label postoffice "Openwave Post.Office" os unix, windows vendor "Openwave (formerly Software.com)" product "Post.Office"
label norton "Norton AntiVirus for Gateways" os windows vendor "Symantec" product "Norton AntiVirus for Internet Email Gateways"
label smail "Smail" os unix vendor "Smail developers" product "Smail"
label obtuse "Obtuse smtpd" os unix vendor "Obtuse Systems" product "smtpd"
label checkpoint "Check Point FireWall-1" os unix, windows vendor "Check Point" product "FireWall-1 SMTP security server" cpe "cpe:2.3:a:checkpoint:firewall-1:*:*:*:*:*:*:*:*"
label zmailer "ZMailer" os unix vendor "ZMailer developers" product "ZMailer"
label mmdf "MMDF" os unix vendor "University of Delaware (SCO)" product "MMDF"
label multinet "Process Software MultiNet (TGV)" os vms vendor "Process Software (formerly TGV)" product "MultiNet"
label aims "Apple Internet Mail Server (AppleShare IP)" os macos vendor "Apple" product "Apple Internet Mail Server"
label vmsmx "MX (Message Exchange) for VMS" os vms vendor "Process Software (formerly MadGoat)" product "MX"
label maillink "Mail*Link SMTP" os macos vendor "StarNine" product "Mail*Link SMTP"
label worldgroup "Galacticomm Worldgroup / The Major BBS" os windows vendor "Galacticomm" product "Worldgroup"
label pp "PP (ISODE)" os unix vendor "ISODE Consortium" product "PP"
label netmanage "NetManage SMTP Service" os windows vendor "NetManage (Micro Focus)" product "Chameleon SMTP"
label ima "IMA SMTP (1996 survey)" os unix
label connect2 "Connect2-SMTP" os macos vendor "Connect2" product "Connect2-SMTP"
label ibmvm "IBM VM SMTP (z/VM TCP/IP)" os ibm vendor "IBM" product "z/VM TCP/IP SMTP"
label altavista "AltaVista Mail / Firewall" os unix vendor "Digital (AltaVista)" product "AltaVista Mail Server / Firewall SMTPXD"
label mailshare "MailShare" os macos vendor "Glenn Anderson" product "MailShare"
label wollongong "Wollongong SMTP" os unix, windows vendor "The Wollongong Group (Attachmate)" product "Pathway SMTP"
label tfsgateway "TFS Gateway" os windows vendor "TFS Technology" product "TFS Gateway"
label liststar "ListSTAR" os macos vendor "StarNine" product "ListSTAR"
label nasta "NASTA Gate" os windows vendor "NASTA International" product "NASTA Gate"
label ponyexpress "Pony Express" os unix product "Pony Express"
label mindwire "MindWire-SMTP" os windows vendor "MindWire" product "MindWire"

# Test and development servers of today
label mox "mox" os unix vendor "Mechiel Lukkien" product "mox"
label mailpit "Mailpit" os unix vendor "Ralph Slooten" product "Mailpit"
label inbucket "Inbucket" os unix vendor "Inbucket project" product "Inbucket"
label maildev "MailDev (Node.js)" os unix vendor "MailDev project" product "MailDev"
label mailhog "MailHog" os unix vendor "MailHog project" product "MailHog"

# Other servers a survey meets today (facts from Nmap's nmap-service-probes)
label xmail "XMail" os unix, windows vendor "Davide Libenzi" product "XMail" cpe "cpe:2.3:a:davide_libenzi:xmail:*:*:*:*:*:*:*:*"
label surgemail "NetWin SurgeMail" os unix, windows vendor "NetWin" product "SurgeMail" cpe "cpe:2.3:a:netwin:surgemail:*:*:*:*:*:*:*:*"
label synchronet "Synchronet BBS" os windows, linux vendor "Rob Swindell" product "Synchronet" cpe "cpe:2.3:a:rob_swindell:synchronet:*:*:*:*:*:*:*:*"
label citadel "Citadel" os linux vendor "Citadel" product "Citadel Server" cpe "cpe:2.3:a:citadel:ux:*:*:*:*:*:*:*:*"
label smtp4dev "smtp4dev" os windows, linux vendor "Rob Wood" product "smtp4dev"
label subethasmtp "SubEthaSMTP (Java)" os unix vendor "Voodoodyne" product "SubEthaSMTP" cpe "cpe:2.3:a:voodoodyne:subethasmtp:*:*:*:*:*:*:*:*"

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
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.olc\.protection\.outlook\.com /i -> outlookcom
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.outlook\.com Microsoft ESMTP MAIL Service ready at /i -> microsoft365
greeting ~ /Microsoft ESMTP MAIL Service ready at [^\r]* \[[0-9A-F]{16}\]\r\n/i -> microsoft365
greeting ~ /(^|\n)220[ -] *[^ \r\n]*(\.yahoodns\.net|\.yahoo\.com) /i -> yahoo
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.mail\.(icloud|me)\.com /i -> icloud
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.amazonaws\.com ESMTP /i -> amazonses
greeting ~ /(^|\n)220[ -] *([^ \r\n]+ )?ESMTP (Amazon SES|SimpleEmailService-)/ -> amazonses
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.mimecast(-offshore)?\.com /i -> mimecast
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.(pphosted\.com|ppe-hosted\.com|ppops\.net) /i -> proofpoint
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.(cudaops\.com|barracudanetworks\.com) /i -> barracuda
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.hydra\.sophos\.com /i -> sophos
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.trendmicro\.(com|eu) /i -> trendmicro
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.messagelabs\.com /i -> symantec
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.hornetsecurity\.com /i -> hornetsecurity
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.spamexperts\.(com|net|eu) /i -> spamexperts
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.mailcontrol\.com /i -> forcepoint
greeting ~ /(^|\n)220[ -] *mx[^ \r\n]*\.zoho(mail)?\.(com|eu|in) /i -> zoho
greeting ~ /(^|\n)220[ -] *([^ \r\n]+ )?SMTP Server ready [A-Z][a-z]+ [0-9]+, [0-9]{4} / -> zoho
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.messagingengine\.com /i -> fastmail
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.mailgun\.(org|net) /i -> mailgun
greeting ~ /(^|\n)220[ -] *SG ESMTP service ready at /i -> sendgrid
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.sendgrid\.net /i -> sendgrid
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.postmarkapp\.com /i -> postmark
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.sparkpostmail\.com /i -> sparkpost
greeting ~ /\(mx[a-z]+[0-9]+\) Nemesis ESMTP Service ready/ -> gmx
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.yandex\.(net|ru) /i -> yandex
greeting ~ /(^|\n)220[ -] *[^ \r\n]*\.mail\.ru /i -> mailru
greeting ~ /[^A-Za-z0-9._@]QQ Mail Server/i -> qq
greeting ~ /Anti-spam GT for Coremail System/i -> coremail
greeting ~ /Coremail/ -> coremail

# ---- 2. Products by banner -------------------------------------------
#
# In three tiers. First the exact form with the version captured; then the
# product's word anywhere in the greeting (any line of a 220- greeting, in
# any case, after a host name or none, in parentheses, after another word);
# the rest of the dialogue (section 3) comes last. Idioms, written out in
# each rule since the language has no macros:
#
#   before the word  [^A-Za-z0-9._@]           a space, "(", ",", "/", "-" ...
#   after the word   ([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])
#                    so the host name "exim.example.org" is not Exim
#   a version        ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)
#                    4.96, 4.84_2, 4.90_RC3, 4.89-122312, 8.9.3+Sun,
#                    8.12.0.Beta7, 5.0.13a, 8.5.3FP6; ends at a space, "/",
#                    ";", ")" or a trailing "-" ("10.44--" is 10.44)
#
# A generic greeting ("ESMTP", "ESMTP ready", "SMTP Service ready") has no
# product word and matches none of these (rulestest checks it).

# Appliances and distributions built on an MTA below: before that MTA.
greeting ~ /[^A-Za-z0-9._@]Zimbra([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> zimbra
greeting ~ /[^A-Za-z0-9._@]Proxmox([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> proxmox
greeting ~ /[^A-Za-z0-9._@]MailCleaner([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailcleaner
greeting ~ /[^A-Za-z0-9._@]Sophos([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> sophos
greeting ~ /[^A-Za-z0-9._@](IMSVA|IMSS)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> trendmicro
greeting ~ /InterScan (VirusWall|Messaging Security)/i -> trendmicro
greeting ~ /Symantec Messaging Gateway/i -> symantec
greeting ~ /ESMTP \([0-9a-f]{32}\)/ -> barracuda
greeting ~ /(^|\n)220[ -] *([^ \r\n]+ )?ESMTP Smtpd; /i -> fortimail
greeting ~ /[^A-Za-z0-9._@]FortiMail/i -> fortimail
greeting ~ /(IronPort|AsyncOS)/i -> ironport
greeting ~ /[^A-Za-z0-9._@]MailMarshal \(v([0-9][0-9.]*[0-9])\)/i -> mailmarshal version $1
greeting ~ /[^A-Za-z0-9._@]MailMarshal([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailmarshal
greeting ~ /[^A-Za-z0-9._@]PowerMTA(\(TM\))? v([0-9][0-9.]*[0-9a-z]*)/i -> powermta version $2
greeting ~ /[^A-Za-z0-9._@]PowerMTA/i -> powermta
greeting ~ /[^A-Za-z0-9._@]ecelerity ([0-9][0-9.]*[0-9])/i -> momentum version $1
greeting ~ /[^A-Za-z0-9._@]Halon([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> halon
greeting ~ /spamd IP-based SPAM blocker/i -> spamd
greeting ~ /[^A-Za-z0-9._@]Clearswift([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailsweeper
greeting ~ /[^A-Za-z0-9._@]MAILsweeper (E?SMTP Receiver Version )?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mailsweeper version $2
greeting ~ /[^A-Za-z0-9._@]MAILsweeper([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailsweeper
greeting ~ /Generic SMTP handler/i -> raptor
greeting ~ /[^A-Za-z0-9._@]Raptor([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> raptor
greeting ~ /CheckPoint FireWall-1|Check Point FireWall-1/i -> checkpoint
greeting ~ /[^A-Za-z0-9._@]FireWall-1([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> checkpoint
greeting ~ /SMTP\/smap([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> smap
greeting ~ /[^A-Za-z0-9._@]smap (P[0-9]+ )?Ready/i -> smap
greeting ~ /[^A-Za-z0-9._@]SMTPXD([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> altavista
greeting ~ /[^A-Za-z0-9._@]NAVGW ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> norton version $1
greeting ~ /[^A-Za-z0-9._@]NAVGW([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> norton
greeting ~ /[^A-Za-z0-9._@]AnalogX Proxy ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> analogx version $1
greeting ~ /[^A-Za-z0-9._@]AnalogX([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> analogx
greeting ~ /[^A-Za-z0-9._@]WinRoute( Pro)? ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> winroute version $2
greeting ~ /[^A-Za-z0-9._@]WinRoute([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> winroute
greeting ~ /[^A-Za-z0-9._@]MailShield([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailshield

# Microsoft: Exchange 2007 and later show no version. The IIS SMTP
# service shows its own; Exchange 2000/2003 ran on it, so there the version
# is Windows' IIS, not Exchange's, and is not taken. NT 4's IIS says
# "Microsoft SMTP MAIL ready at DATE Version: V".
greeting ~ /Microsoft ESMTP MAIL Service, Version: [0-9.]+/i && ehlo ~ /250-(XEXCH50|X-LINK2STATE)\r\n/ -> exchange
greeting ~ /Microsoft ESMTP MAIL Service, Version: ([0-9]+\.[0-9.]*[0-9])/i -> iis version $1
greeting ~ /Microsoft SMTP MAIL ready at [^\r]* Version: ([0-9]+\.[0-9.]*[0-9])/i -> iis version $1
greeting ~ /Microsoft E?SMTP MAIL( Service)? ready/i -> exchange
greeting ~ /Microsoft Exchange Internet Mail Service ([0-9]+\.[0-9.]*[0-9])/i -> exchange version $1
greeting ~ /Microsoft Exchange/i -> exchange
# The 2001 survey counts this one under Microsoft.
greeting ~ /ESMTP Exchange POP3 \(([0-9]+\.[0-9.]*[0-9])\)/i -> exchange version $1

# Sendmail's relatives, before Sendmail.
greeting ~ /[^A-Za-z0-9._@]MetaInfo Sendmail ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> sendmailnt version $1
greeting ~ /[^A-Za-z0-9._@]Sendmail for NT ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> sendmailnt version $1
greeting ~ /[^A-Za-z0-9._@](MetaInfo Sendmail|Sendmail for NT)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> sendmailnt

# Open source MTAs: exact, with the version.
greeting ~ /[^A-Za-z0-9._@]Postfix \(([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)\)/i -> postfix version $1
greeting ~ /[^A-Za-z0-9._@]Exim[ \/]v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> exim version $1
greeting ~ /[^A-Za-z0-9._@]Sendmail[ \/]v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> sendmail version $1
greeting ~ /[^A-Za-z0-9._@]qpsmtpd ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> qpsmtpd version $1
greeting ~ /[^A-Za-z0-9._@]Haraka[ \/]v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> haraka version $1
greeting ~ /[^A-Za-z0-9._@]Python SMTP ([0-9]+\.[0-9]+(\.[0-9]+)*([ab]|rc)?[0-9]*)/i -> aiosmtpd version $1
greeting ~ /[^A-Za-z0-9._@]JAMES SMTP Server ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> james version $1
greeting ~ /[^A-Za-z0-9._@]ZMailer Server ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> zmailer version $1
greeting ~ /[^A-Za-z0-9._@]Smail-?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> smail version $1
greeting ~ /[^A-Za-z0-9._@]mox v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mox version $1
greeting ~ /[^A-Za-z0-9._@]Mailpit v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mailpit version $1

# Commercial and historical servers: exact, with the version.
greeting ~ /[^A-Za-z0-9._@]Kerio (Connect|MailServer) ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> kerio version $2
greeting ~ /[^A-Za-z0-9._@]MDaemon v?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mdaemon version $1
greeting ~ /[^A-Za-z0-9._@](IceWarp|Merak) ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> icewarp version $2
greeting ~ /[^A-Za-z0-9._@]Domino Release ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> domino version $1
greeting ~ /[^A-Za-z0-9._@]CommuniGate Pro ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> communigate version $1
greeting ~ /[^A-Za-z0-9._@]Stalker Internet Mail Server V?\.?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> communigate version $1
greeting ~ /[^A-Za-z0-9._@]MailEnable Service, Version: ([0-9]+\.[0-9]+(\.[0-9]+)*)/i -> mailenable version $1
greeting ~ /[^A-Za-z0-9._@]Mercury\/32 v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mercury version $1
greeting ~ /[^A-Za-z0-9._@]Mercury ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mercury version $1
greeting ~ /ArGoSoft Mail Server[^\r]*\(([0-9]+\.[0-9]+(\.[0-9]+)*)\)/i -> argosoft version $1
greeting ~ /GroupWise Internet Agent ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> groupwise version $1
greeting ~ /[^A-Za-z0-9._@]IMail ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> imail version $1
greeting ~ /[^A-Za-z0-9._@]NTMail \(v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> ntmail version $1
greeting ~ /[^A-Za-z0-9._@]MERCUR SMTP[ -]Server \(v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mercur version $1
greeting ~ /[^A-Za-z0-9._@]TeleFinder Mail Server ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> telefinder version $1
greeting ~ /(iPlanet|Netscape|Sun Java(\(tm\))? System|Oracle Communications) Messaging Server (- Version )?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> messagingserver version $4
greeting ~ /Sun Internet Mail Server sims\.([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> messagingserver version $1
greeting ~ /[^A-Za-z0-9._@]PMDF V([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> pmdf version $1
greeting ~ /i-MailDS server version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> imailds version $1
greeting ~ /[^A-Za-z0-9._@]MailSite E?SMTP Receiver Version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mailsite version $1
greeting ~ /[^A-Za-z0-9._@]VOPmail E?SMTP Receiver Version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> vopmail version $1
greeting ~ /[^A-Za-z0-9._@]FirstClass E?SMTP Mail Server v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> firstclass version $1
greeting ~ /[^A-Za-z0-9._@]Worldmail ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> worldmail version $1
greeting ~ /[^A-Za-z0-9._@]DSMTP ESMTP Server v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> dmail version $1
greeting ~ /[^A-Za-z0-9._@]SLmail ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> slmail version $1
greeting ~ /[^A-Za-z0-9._@](IMS|EMWAC) SMTP Receiver Version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> ims version $2
greeting ~ /[^A-Za-z0-9._@]Mail-?Max (Version )?([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> mailmax version $2
greeting ~ /[^A-Za-z0-9._@]UCX V([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> ucx version $1
greeting ~ /[^A-Za-z0-9._@]Post\.Office v([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> postoffice version $1
greeting ~ /[^A-Za-z0-9._@]MultiNet [^\r]*V([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> multinet version $1
greeting ~ /[^A-Za-z0-9._@]AppleMailServer ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> aims version $1
greeting ~ /[^A-Za-z0-9._@]MX V([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*) [^\r]*SMTP server ready/i -> vmsmx version $1
greeting ~ /IBM VM SMTP Level ([0-9]+)/i -> ibmvm version $1
greeting ~ /\[XMail ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)( \([^)]*\))? ESMTP Server\]/i -> xmail version $1
greeting ~ /SurgeSMTP \(Version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)\)/i -> surgemail version $1
greeting ~ /Synchronet SMTP Server ([0-9]+\.[0-9]+[a-z]?)/i -> synchronet version $1
greeting ~ /[^A-Za-z0-9._@]SubEthaSMTP ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)/i -> subethasmtp version $1

# Every product by its word anywhere in the greeting.
greeting ~ /[^A-Za-z0-9._@]Postfix([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> postfix
greeting ~ /[^A-Za-z0-9._@]Exim([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> exim
greeting ~ /[^A-Za-z0-9._@]Sendmail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> sendmail
greeting ~ /[^A-Za-z0-9._@]OpenSMTPD([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> opensmtpd
greeting ~ /[^A-Za-z0-9._@]Haraka([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> haraka
greeting ~ /[^A-Za-z0-9._@]qpsmtpd([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> qpsmtpd
greeting ~ /[^A-Za-z0-9._@]chasquid([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> chasquid
greeting ~ /[^A-Za-z0-9._@]Stalwart([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> stalwart
greeting ~ /[^A-Za-z0-9._@]Dovecot([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> dovecot
greeting ~ /(JAMES SMTP Server|Apache JAMES)/i -> james
greeting ~ /[^A-Za-z0-9._@]ZMailer([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> zmailer
greeting ~ /[^A-Za-z0-9._@]Smail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> smail
greeting ~ /Server SMTP \(Complaints\/bugs to:/i -> mmdf
greeting ~ /[^A-Za-z0-9._@]MMDF([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mmdf
greeting ~ /[^A-Za-z0-9._@]mox([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/ -> mox
greeting ~ /[^A-Za-z0-9._@]Mailpit([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailpit
greeting ~ /[^A-Za-z0-9._@]Inbucket([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> inbucket
greeting ~ /[^A-Za-z0-9._@]MailDev([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> maildev
greeting ~ /[^A-Za-z0-9._@]MailHog([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailhog
greeting ~ /[^A-Za-z0-9._@]Kerio (Connect|MailServer)/i -> kerio
greeting ~ /[^A-Za-z0-9._@]MDaemon([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mdaemon
greeting ~ /[^A-Za-z0-9._@]hMailServer([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> hmailserver
greeting ~ /[^A-Za-z0-9._@](IceWarp|Merak)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> icewarp
greeting ~ /[^A-Za-z0-9._@]Axigen([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> axigen
greeting ~ /[^A-Za-z0-9._@](Lotus|IBM|HCL) (Domino|SMTP MTA)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> domino
greeting ~ /[^A-Za-z0-9._@](CommuniGate|SMTPGate)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> communigate
greeting ~ /Stalker Internet Mail Server/i -> communigate
greeting ~ /[^A-Za-z0-9._@]SmarterMail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> smartermail
greeting ~ /[^A-Za-z0-9._@]MailEnable([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailenable
greeting ~ /[^A-Za-z0-9._@]Mercury(\/32)?([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mercury
greeting ~ /[^A-Za-z0-9._@]ArGoSoft([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> argosoft
greeting ~ /[^A-Za-z0-9._@]GroupWise([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> groupwise
greeting ~ /[^A-Za-z0-9._@]IMail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> imail
greeting ~ /[^A-Za-z0-9._@]NTMail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> ntmail
greeting ~ /[^A-Za-z0-9._@]MERCUR([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mercur
greeting ~ /[^A-Za-z0-9._@]TeleFinder([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> telefinder
greeting ~ /(iPlanet|Netscape|Sun Java(\(tm\))? System|Oracle Communications) Messaging Server|Sun Internet Mail Server|[^A-Za-z0-9._@]Novonyx([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> messagingserver
greeting ~ /[^A-Za-z0-9._@]PMDF([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> pmdf
greeting ~ /[^A-Za-z0-9._@]i-MailDS([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> imailds
greeting ~ /[^A-Za-z0-9._@]LetterRip([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> letterrip
greeting ~ /[^A-Za-z0-9._@]MailSite([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailsite
greeting ~ /[^A-Za-z0-9._@]VOPmail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> vopmail
greeting ~ /[^A-Za-z0-9._@]FirstClass([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> firstclass
greeting ~ /[^A-Za-z0-9._@]Worldmail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> worldmail
greeting ~ /[^A-Za-z0-9._@](DSMTP|DMail)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> dmail
greeting ~ /[^A-Za-z0-9._@]SLmail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> slmail
greeting ~ /[^A-Za-z0-9._@]VPOP3([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> vpop3
greeting ~ /[^A-Za-z0-9._@](IMS|EMWAC) SMTP Receiver/i -> ims
greeting ~ /[^A-Za-z0-9._@]Mail-?Max([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailmax
greeting ~ /[^A-Za-z0-9._@](UCX|SMTP-OpenVMS)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> ucx
greeting ~ /[^A-Za-z0-9._@]Post\.Office([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> postoffice
greeting ~ /[^A-Za-z0-9._@](TGV|MultiNet)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> multinet
greeting ~ /[^A-Za-z0-9._@](AppleMailServer|Apple Internet Mail Server)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> aims
greeting ~ /[^A-Za-z0-9._@]Mail\*Link([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> maillink
greeting ~ /[^A-Za-z0-9._@](Worldgroup|Major ?BBS)([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> worldgroup
greeting ~ /[^A-Za-z0-9._@]PP (SMTP|[0-9])/ -> pp
greeting ~ /[^A-Za-z0-9._@]NetManage([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> netmanage
greeting ~ /[^A-Za-z0-9._@]IMA SMTP/i -> ima
greeting ~ /[^A-Za-z0-9._@]Connect2-SMTP/i -> connect2
greeting ~ /[^A-Za-z0-9._@]IBM VM SMTP/i -> ibmvm
greeting ~ /[^A-Za-z0-9._@]AltaVista([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> altavista
greeting ~ /[^A-Za-z0-9._@]MailShare([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mailshare
greeting ~ /[^A-Za-z0-9._@]Wollongong([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> wollongong
greeting ~ /[^A-Za-z0-9._@]TFS Gateway/i -> tfsgateway
greeting ~ /[^A-Za-z0-9._@]ListSTAR([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> liststar
greeting ~ /[^A-Za-z0-9._@]NASTA([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> nasta
greeting ~ /[^A-Za-z0-9._@]Pony Express([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> ponyexpress
greeting ~ /[^A-Za-z0-9._@]MindWire(-SMTP)?([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> mindwire
greeting ~ /[^A-Za-z0-9._@]XMail([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> xmail
greeting ~ /[^A-Za-z0-9._@]SurgeSMTP([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> surgemail
greeting ~ /[^A-Za-z0-9._@]Synchronet([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> synchronet
greeting ~ /[^A-Za-z0-9._@]Citadel([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> citadel
greeting ~ /[^A-Za-z0-9._@]smtp4dev([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> smtp4dev
greeting ~ /[^A-Za-z0-9._@]SubEthaSMTP([^A-Za-z0-9_@.-]|\.[^A-Za-z0-9])/i -> subethasmtp

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
help ~ /^214-(2\.0\.0 )?This is Sendmail for NT version ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)\r\n/i -> sendmailnt version $2
help ~ /^214-(2\.0\.0 )?This is sendmail version ([0-9]+\.[0-9]+(\.[0-9]+)*)\r\n/i -> sendmail version $2
help ~ /^502 (5\.3\.0 )?Sendmail ([0-9]+\.[0-9]+(\.[0-9]+)*) -- HELP not implemented\r\n$/ -> sendmail version $2

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

# qpsmtpd, and Haraka which began as its port to Node.js: alike, not the same.
help ~ /^214-This is qpsmtpd ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*)\r\n/ -> qpsmtpd version $1
help ~ /^214-This is qpsmtpd / -> qpsmtpd
quit ~ /^221 [^ ]+ closing connection\. Have a wonderful day\.\r\n$/ -> qpsmtpd
mail ~ /^250 <[^>]*>, sender OK - how exciting to get mail from you!\r\n$/ -> qpsmtpd
# Haraka.
ehlo ~ /^250-[^ ]+ Hello [^\r]*, Haraka is at your service\.\r\n/ -> haraka
quit ~ /^221 [^ ]+ closing connection\. Have a jolly good day\.\r\n$/ -> haraka
vrfy ~ /^252 Just try sending a mail and we'll see how it turns out\.\.\.\r\n$/ -> haraka

# aiosmtpd.
help ~ /^250 Supported commands: AUTH DATA EHLO HELO HELP MAIL NOOP QUIT RCPT RSET VRFY\r\n$/ -> aiosmtpd
vrfy ~ /^252 Cannot VRFY user, but will accept message and attempt delivery\r\n$/ && quit ~ /^221 Bye\r\n$/ -> aiosmtpd

# nodemailer smtp-server, and MailDev which runs it: MailDev (recorded)
# turns AUTH and STARTTLS off and advertises its 50 MiB size limit; with
# its EHLO hidden it is smtp-server, which it is.
ehlo ~ /^250-[^ ]+ Nice to meet you, / && ehlo ~ /\r\n250[ -]SIZE 52428800\r\n/ && ehlo !~ /\r\n250[ -]AUTH / -> maildev
ehlo ~ /^250-[^ ]+ Nice to meet you, / -> smtpserver
vrfy ~ /^252 Try to send something\. No promises though\r\n$/ -> smtpserver

# go-smtp, and maddy which is built on it. maddy 0.8.1 (recorded) answers
# in go-smtp's words; what its defaults change shows only in EHLO: a 32 MiB
# SIZE (max_message_size) and RCPTMAX=20000, where go-smtp's server has no
# defaults of its own (the e2e server sets 1 MiB and 50). A maddy whose
# EHLO is hidden is go-smtp, which it is. Older maddy (documented) turned
# on REQUIRETLS and BINARYMIME.
ehlo ~ /^250-Hello [^\r]*\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n/ && (ehlo ~ /\r\n250[ -]SIZE 33554432\r\n/ || ehlo ~ /\r\n250[ -]LIMITS RCPTMAX=20000\r\n/) -> maddy
mail ~ /^250 2\.0\.0 Roger, accepting mail from <>\r\n$/ && ehlo ~ /\r\n250-REQUIRETLS\r\n/ && ehlo ~ /\r\n250-BINARYMIME\r\n/ -> maddy
mail ~ /^250 2\.0\.0 Roger, accepting mail from <>\r\n$/ -> gosmtp
ehlo ~ /^250-Hello [^ \r]+\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n/ -> gosmtp
help ~ /^502 5\.5\.1 HELP command not implemented\r\n$/ && quit ~ /^221 2\.0\.0 Bye\r\n$/ -> gosmtp

# Stalwart, Dovecot, spamd.
ehlo ~ /^250-[^ ]+ you had me at EHLO\r\n/ -> stalwart
ehlo ~ /\r\n250-BURL imap\r\n/ -> dovecot
mail ~ /^530 5\.7\.0 Authentication required\.\r\n$/ && help ~ /^500 5\.5\.1 Unknown command\r\n$/ -> dovecot

# Test and development servers (recorded).
quit ~ /^221 2\.0\.0 [^ ]+ Mailpit[ (]/ -> mailpit
ehlo ~ /^250-[^ ]+ greets [^\r]*\r\n/ && mail ~ /^250 2\.1\.0 Ok\r\n$/ && vrfy ~ /^502 5\.5\.1 Command not implemented\r\n$/ -> mailpit
ehlo ~ /^250-Great, let's get this show on the road\r\n/ -> inbucket
quit ~ /^221 Goodnight and good luck\r\n$/ -> inbucket
helo ~ /^503 Command HELO is out of sequence\r\n$/ && mail ~ /^250 Roger, accepting mail from / -> inbucket
mail ~ /^250 2\.1\.0 looking good\r\n$/ -> mox
quit ~ /^221 2\.0\.0 okay thanks bye\r\n$/ -> mox
help ~ /^214 2\.0\.0 see rfc 5321 \(smtp\)\r\n$/ -> mox
vrfy ~ /^252 2\.7\.0 no verify but will try delivery/ -> mox
ehlo ~ /^250 Hello, spam sender\. Pleased to be wasting your time\.\r\n$/ -> spamd

# Seed-era servers by their replies.
help ~ /This is an NT Server running [^\r]*NTMail\r\n/ -> ntmail
quit ~ /^221 [^ ]+ ESMTP NTMail closing connection\r\n$/ -> ntmail
help ~ /^214[ -]Please report problems to support@spiderisland\.com\r\n/ || help ~ /\r\n214 Please report problems to support@spiderisland\.com\r\n$/ -> telefinder
help ~ /cgp-support@stalker\.com|Stalker Software, Inc\./ -> communigate
help ~ /^214-MDaemon SMTP Server Help\r\n/ -> mdaemon
help ~ /^214-MailSite SMTP Receiver\r\n/ -> mailsite
help ~ /^214-This is ArGoSoft Mail Server\r\n/ -> argosoft
help ~ /^250-The following SMTP commands are recognized:\r\n/ && help ~ /startup and give your hostname/ -> smail
help ~ /^214 Note: forging of mail requires recognizable SMTP|\r\n214 Note: forging of mail requires recognizable SMTP/ -> obtuse
help ~ /^250 Requested mail action okay, completed\r\n$/ && quit ~ /^221 SMTP server closing transmission channel\r\n$/ -> norton
mail ~ /^250 <> is syntactically correct\r\n$/ -> exim
help ~ /^214-This is the SubEthaSMTP ([0-9]+\.[0-9]+[0-9A-Za-z]*([._+-][0-9A-Za-z]+)*) server/ -> subethasmtp version $1
help ~ /^502 Error: command not implemented\r\n$/ && mail ~ /^250 Ok\r\n$/ && quit ~ /^221 Bye\r\n$/ -> postfix

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
