rulebase "t" version "1"
view djb
label s "S"
label unused "Never used" os unix
label c "C" cpe "cpe:/a:vendor:product"
/x/ -> s
/y/ -> c
