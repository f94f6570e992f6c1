rulebase "t" version "1"
view djb
label postfix "Postfix"
/ ESMTP Postfix / -> postfx
default -> notsure
