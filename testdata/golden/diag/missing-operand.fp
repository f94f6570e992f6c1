rulebase "t" version "1"
view raw
label postfix "Postfix"
greeting ~ /x/ && -> postfix
greeting ~ /x/ || -> postfix
! -> postfix
/a/ && !-> postfix
( -> postfix
/a/ && (/b/ || ) -> postfix
/a/ && () -> postfix
greeting ~ -> postfix
ehlo !~ && /b/ -> postfix
/a/ || # nothing after the operator
/a/ &&
