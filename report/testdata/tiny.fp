# tiny.fp: a rulebase for the report tests, with versions and advisories
rulebase "tiny" version "1"
view raw

label sendmail "Sendmail" os unix product "Sendmail"
label sendmailnt "Sendmail" os windows product "Sendmail"
label exim "Exim" os unix product "Exim"
label opensmtpd "OpenSMTPD" os unix product "OpenSMTPD"
label exchange "Microsoft Exchange" os windows product "Exchange"
label notsure "not sure"

greeting ~ /ESMTP Sendmail ([0-9][0-9.a-z]*)\/[^ ]* .*NT/ -> sendmailnt version $1
greeting ~ /ESMTP Sendmail ([0-9][0-9.a-z]*)/ -> sendmail version $1
greeting ~ /ESMTP Sendmail/ -> sendmail
greeting ~ /ESMTP Exim ([0-9][0-9._]*)/ -> exim version $1
help ~ /OpenSMTPD ([0-9][0-9.p]*)/ && greeting ~ /ESMTP OpenSMTPD/ -> opensmtpd version $1
greeting ~ /Microsoft ESMTP MAIL Service/ -> exchange
default -> notsure

advisory "CVE-2019-10149" exim < "4.92"
advisory "CVE-2020-7247" opensmtpd < "6.6.2"
advisory "CVE-2002-1337" sendmail < "8.12.8"
