rulebase "tiny" version "1"
view raw

label postfix "Postfix" os unix
label esmtp "some ESMTP server"
label smtp "some SMTP server"

greeting ~ /^220 [^ ]+ ESMTP Postfix \(([0-9.]+)\)/ -> postfix version $1
ehlo ~ /PIPELINING/ && !(help ~ /Sendmail/) -> esmtp
/ESMTP/ -> esmtp
!/Postfix/ && !/ESMTP/ -> smtp
