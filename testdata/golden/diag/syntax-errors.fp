rulebase "t" version "1"
view djb
label s "S"
/abc -> s
/a/ -> 
/a/ s
label x
/b/ -> s version 1
"unterminated
/c/ -> s @
