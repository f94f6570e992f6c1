rulebase "t" version "1"
view djb
label s "Sendmail"
/^220 (ESMTP/ -> s
/a[bc/ -> s
/x{3,2}/ -> s
/\ySendmail\y/ -> s
/[[:alpah:]]/ -> s
/[z-a]/ -> s
/ok (fine)/ -> s
