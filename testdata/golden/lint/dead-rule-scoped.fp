rulebase "lint" version "1"
view raw

label postfix "Postfix"
label other "Other"

/ESMTP Postfix/ -> postfix
# A greeting is part of the whole transcript, so this never wins.
greeting ~ /^220 .* ESMTP Postfix/ -> postfix
# The other way round is alive: the whole transcript can say it elsewhere.
ehlo ~ /PIPELINING/ -> other
/PIPELINING/ -> other
