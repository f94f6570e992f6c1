rulebase "t" version "1"
view djb
label qmail "qmail" os unix
label postfix "Postfix"
label qmail "qmail again"
/qmail/ -> qmail
/Postfix/ -> postfix
