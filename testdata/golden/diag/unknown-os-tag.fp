rulebase "t" version "1"
view djb
label a "A" os Unix, windows
label b "B" os unix, beos
/x/ -> a
/y/ -> b
