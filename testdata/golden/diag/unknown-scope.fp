rulebase "t" version "1"
view djb
label s "S"
ehl ~ /250-PIPELINING/ -> s
greeting ~ /^220/ && bogus !~ /x/ -> s
