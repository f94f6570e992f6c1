# djb1996.fp: a reconstruction of D. J. Bernstein's 1996 survey script
#
# "Internet host SMTP server survey", comp.mail.misc and
# comp.mail.sendmail, 29 Nov 1996. The post publishes the tally but not the
# script that guessed it ("I have a script to guess what SMTP software is
# running"), and no transcript: the 1996 script was never published, and
# every rule below is a reconstruction, not a copy. The labels are the
# tally's 50 names in the post's words, without OS tags (the 1996 tally
# has none), so `smtpfp report` prints the post's rows. Each rule says
# what it is reconstructed from: the tally name itself (most 1996 servers
# named themselves in their greeting, and the name is all the post gives),
# or the 2001 pattern for the same software, quoted. The four
# "Unknown (...)" rows quote what an unidentified server said. The
# simulated 1996 Internet (smtpscan --simulate djb1996; its transcripts are
# in corpus/djb1996.go) answers with dialogues written to the same
# reconstruction, so agreement between the two shows that the tally and
# the report come out as the post's, not that these rules would have
# labelled the servers of 1996 as the script did.
rulebase "djb1996" version "1996-11-29"
view djb

label sendmail "Sendmail"
label notsure "not sure"
label mercury "Mercury"
label smail31 "Smail 3.1"
label postoffice "Post.Office"
label ntmail "NT Mail"
label multinet "TGV/MultiNet"
label smap "smap"
label exchange "MS Exchange"
label netscape "Netscape Mail Server"
label mmdf "MMDF"
label ucx "UCX"
label aims "AIMS"
label normalseq "Unknown (The normal sequence of events in sending a message)"
label ims "IMS SMTP Receiver"
label slmail "SLmail"
label zmailer "Zmailer"
label fireaway "Unknown (All set, fire away)"
label vmsmx "VMS MX"
label emwac "EMWAC SMTP Receiver"
label pmdf "PMDF"
label smtsready "Unknown (Simple Mail Transfer Service Ready)"
label imail "IMail"
label helpnotrec "Unknown (Help ... Not recognized)"
label metainfo "MetaInfo Sendmail"
label maillink "Mail*Link"
label groupwise "GroupWise"
label lotus "Lotus SMTP MTA"
label majorbbs "Major BBS"
label qmail "qmail"
label pp "PP"
label netmanage "NetManage SMTP Service"
label ima "IMA SMTP"
label connect2 "Connect2-SMTP"
label ibmvm "IBM VM SMTP"
label raptor "Raptor firewall (Generic SMTP Handler)"
label altavistamail "AltaVista Mail"
label worldgroup "Worldgroup SMTP server"
label mailshare "MailShare"
label wollongong "Wollongong SMTP"
label tfs "TFS Gateway"
label smtpopenvms "SMTP-OpenVMS"
label exim "Exim"
label altavistafw "AltaVista Firewall (SMTPXD)"
label mailsite "MailSite SMTP Receiver"
label liststar "ListSTAR"
label nasta "NASTA Gate"
label pony "Pony Express"
label mindwire "MindWire-SMTP"
label communigate "CommuniGate SMTPGate"

# the name in the greeting, from the tally name; before Sendmail's own rule, which it would also match
greeting ~ /MetaInfo Sendmail/ -> metainfo
# the greeting's version, as Sendmail 5 and 8 write it ("Sendmail 8.6.12/8.6.9 ready", the 2001 pattern / 220-Sendmail 8.6.12.8.6.12 ready /)
greeting ~ /Sendmail ([0-9]+\.[0-9.]+)/ -> sendmail version $1
# a hidden banner: Sendmail's HELP names it and its version (the 2001 pattern /214-This is Sendmail /)
help ~ /This is Sendmail version ([0-9]+\.[0-9.]+)/ -> sendmail version $1
# the greeting, from the tally name; before the Unknown row that quotes Smail's HELP
greeting ~ /Smail3\.1/ -> smail31
# Smail's HELP sentence with no Smail greeting (the 2001 Smail pattern quotes it)
help ~ /The normal sequence of events in sending a message/ -> normalseq
# the greeting, from the tally name
greeting ~ /Mercury SMTP server/ -> mercury
# the greeting, from the 2001 pattern / .Post.Office v/
greeting ~ /Post\.Office v/ -> postoffice
# the greeting, or the HELP line of the 2001 pattern /NT Server running Internet Shopper/
greeting ~ /NTMail v/ || help ~ /NT Server running Internet Shopper/ -> ntmail
# the greeting, from the tally name
greeting ~ /MultiNet SMTP Server/ -> multinet
# the greeting, from the 2001 pattern / SMTP.smap Ready.M.500/
greeting ~ /SMTP\/smap Ready/ -> smap
# the Internet Mail Connector's greeting, from the tally name and the 2001 pattern /Microsoft Exchange Internet Mail Service /
greeting ~ /Microsoft Exchange Internet Mail/ -> exchange
# the greeting, from the tally name
greeting ~ /Netscape Mail Server/ -> netscape
# MMDF's greeting, from the tally name
greeting ~ /Server SMTP \(Complaints\/bugs to:/ -> mmdf
# the greeting, from the 2001 pattern / UCX V.* OpenVMS /
greeting ~ /UCX V[0-9]/ -> ucx
# the greeting, from the tally name (Apple Internet Mail Server)
greeting ~ /Apple Internet Mail Server/ -> aims
# the greeting, from the 2001 pattern / IMS SMTP Receiver /
greeting ~ /IMS SMTP Receiver/ -> ims
# the greeting, from the 2001 pattern / SMTP Server SLmail /
greeting ~ /SMTP Server SLmail/ -> slmail
# the greeting, from the tally name
greeting ~ /ZMailer Server/ -> zmailer
# the phrase the tally quotes; the post does not say which reply held it
greeting ~ /All set, fire away/ -> fireaway
# the greeting, from the tally name (MX, the VMS mailer)
greeting ~ /MX V[0-9.]+ (VAX|AXP) SMTP server/ -> vmsmx
# the greeting, from the tally name
greeting ~ /EMWAC SMTP Receiver/ -> emwac
# the greeting, from the 2001 pattern / Server ESMTP .PMDF V5.*/
greeting ~ /PMDF V[0-9]/ -> pmdf
# the phrase the tally quotes
greeting ~ /Simple Mail Transfer Service Ready/ -> smtsready
# the greeting, from the 2001 patterns / NT-ESMTP Server .* .IMail 4/ and later
greeting ~ /\(IMail [0-9]/ -> imail
# the phrase the tally quotes, taken to be the answer to HELP
help ~ /Help \.\.\. Not recognized/ -> helpnotrec
# the greeting, from the tally name
greeting ~ /Mail\*Link/ -> maillink
# the greeting, from the tally name
greeting ~ /GroupWise/ -> groupwise
# the greeting, from the tally name
greeting ~ /Lotus SMTP MTA/ -> lotus
# the greeting, from the tally name
greeting ~ /Major BBS/ -> majorbbs
# qmail's HELP, from the 2001 pattern /214 qmail home page: http:..pobox.com..djb.qmail.htmlM/
help ~ /qmail home page/ -> qmail
# the greeting, from the tally name
greeting ~ /\(PP [0-9]/ -> pp
# the greeting, from the tally name
greeting ~ /NetManage SMTP Service/ -> netmanage
# the greeting, from the tally name
greeting ~ /IMA SMTP/ -> ima
# the greeting, from the tally name
greeting ~ /Connect2-SMTP/ -> connect2
# the greeting, from the tally name
greeting ~ /IBM VM SMTP/ -> ibmvm
# the greeting, from the tally name
greeting ~ /Generic SMTP Handler/ -> raptor
# the greeting, from the tally name
greeting ~ /AltaVista Mail/ -> altavistamail
# the greeting, from the tally name
greeting ~ /Worldgroup SMTP server/ -> worldgroup
# the greeting, from the tally name
greeting ~ /MailShare/ -> mailshare
# the greeting, from the tally name
greeting ~ /Wollongong SMTP/ -> wollongong
# the greeting, from the tally name
greeting ~ /TFS Gateway/ -> tfs
# the greeting, from the tally name
greeting ~ /SMTP-OpenVMS/ -> smtpopenvms
# the greeting, from the 2001 pattern / ESMTP Exim /
greeting ~ /ESMTP Exim [0-9]/ -> exim
# the greeting, from the tally name
greeting ~ /SMTPXD/ -> altavistafw
# the greeting, from the 2001 pattern / MailSite SMTP Receiver Version /
greeting ~ /MailSite SMTP Receiver/ -> mailsite
# the greeting, from the tally name
greeting ~ /ListSTAR/ -> liststar
# the greeting, from the tally name
greeting ~ /NASTA Gate/ -> nasta
# the greeting, from the tally name
greeting ~ /Pony Express/ -> pony
# the greeting, from the tally name
greeting ~ /MindWire-SMTP/ -> mindwire
# the greeting, from the tally name
greeting ~ /SMTPGate/ -> communigate

# Neither greeting nor HELP names the software: the tally's "not sure".
default -> notsure

# Sendmail's advisories of the era with remotely exploitable holes, from
# CERT's advisories as remembered here (this machine cannot fetch them:
# check the ranges against the texts before relying on them). Each is a
# version range, lower bound first. CA-96.24 (daemon mode, 8.7 to 8.8.2)
# and CA-96.25 (group permissions) are left out: their holes need a local
# account, and the post's conclusion 6 counts remote ones.
#
# CA-95.05 (February 1995): sendmail before 8.6.10, remote root.
advisory "CA-95.05" sendmail >= "8" && < "8.6.10"
# CA-95.08 (August 1995): sendmail version 5 and vendor versions of it.
advisory "CA-95.08" sendmail >= "5" && < "6"
# CA-96.20 (September 1996): the MIME buffer overflow of 8.7 to 8.7.5,
# remote root; fixed in 8.7.6.
advisory "CA-96.20" sendmail >= "8.7" && < "8.7.6"
