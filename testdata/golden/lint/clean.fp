rulebase "lint" version "1"
view raw

label qmail "qmail"
label postfix "Postfix"
label notsure "not sure"

/214 qmail home page/ -> qmail
greeting ~ /^220 [^ ]+ ESMTP Postfix/ -> postfix
ehlo ~ /PIPELINING/ && !(help ~ /Sendmail/) -> postfix
default -> notsure
