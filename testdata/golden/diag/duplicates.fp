rulebase "t" version "1"
view djb
label s "S"
view raw
rulebase "again" version "2"
view seed
default -> s
default -> s
